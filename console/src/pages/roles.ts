/** IAM roles: the list, and creating one from a trust policy in a JSON editor. */
import { CreateRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import type { Api } from "../api.js";
import {
  describeError,
  field,
  form,
  h,
  pagerButtons,
  pageTitle,
  section,
  statusLine,
  table,
  textInput,
  when,
} from "../dom.js";
import { jsonEditor } from "../json-editor.js";

const PAGE_SIZE = 50;
const href = (name: string): string => `#/roles/${encodeURIComponent(name)}`;

const TRUST_TEMPLATE = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": "REGION:POOL-GUID" },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
        },
      },
    ],
  },
  null,
  2,
);

export async function rolesPage(api: Api): Promise<HTMLElement> {
  const list = h("div", {});
  const pager = h("div", { class: "actions" });
  const markers: (string | undefined)[] = [undefined];
  let at = 0;
  async function load(): Promise<void> {
    const out = await api.iam.send(new ListRolesCommand({ MaxItems: PAGE_SIZE, Marker: markers[at] }));
    const roles = out.Roles ?? [];
    list.replaceChildren(
      roles.length
        ? table(
            ["Name", "ARN", "Created"],
            roles.map((r) => [
              h("a", { href: href(r.RoleName ?? "") }, r.RoleName ?? ""),
              h("code", {}, r.Arn ?? ""),
              when(r.CreateDate),
            ]),
            "Roles",
          )
        : h("p", {}, "No roles yet."),
    );
    markers[at + 1] = out.IsTruncated ? out.Marker : undefined;
    pager.replaceChildren(
      ...pagerButtons(at === 0, Boolean(out.IsTruncated), async (delta) => {
        at += delta;
        await load();
      }),
    );
  }
  await load();

  const name = field("Role name", textInput("", { name: "role-name" }));
  const description = field("Description", textInput("", { name: "role-description" }), "Optional.");
  const trust = jsonEditor(
    "Trust policy",
    TRUST_TEMPLATE,
    "Who may assume the role: for a pool, its id in the aud condition.",
  );
  const status = statusLine();
  const create = form(
    async () => {
      name.error(undefined);
      trust.error(undefined);
      if (!name.input.value.trim()) return name.error("Enter a name for the role.");
      const document = trust.checked();
      if (document === undefined) return trust.input.focus();
      try {
        await api.iam.send(
          new CreateRoleCommand({
            RoleName: name.input.value.trim(),
            AssumeRolePolicyDocument: document,
            ...(description.input.value.trim() ? { Description: description.input.value.trim() } : {}),
          }),
        );
        location.hash = href(name.input.value.trim());
      } catch (error) {
        status.fail(error);
        if (
          (error as Error).name === "MalformedPolicyDocumentException" ||
          /policy/i.test(String((error as Error).message))
        )
          trust.error(describeError(error));
        else name.error(describeError(error));
      }
    },
    name.row,
    description.row,
    trust.row,
    h("button", { type: "submit" }, "Create role"),
    status.el,
  );
  return h("div", {}, pageTitle("Roles"), section("Roles", list, pager), section("Create a role", create));
}
