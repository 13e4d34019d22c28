/** One IAM role: its trust policy, inline policies, tags and delete, in JSON editors. */
import {
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import type { Api } from "../api.js";
import { confirmedButton, describeError, field, form, h, pageTitle, section, statusLine, textInput } from "../dom.js";
import { jsonEditor } from "../json-editor.js";
import { policyText } from "../json-text.js";
import { iamTagsForm } from "./iam-tags.js";

const POLICY_TEMPLATE = JSON.stringify(
  { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] },
  null,
  2,
);

function inlinePolicy(
  api: Api,
  roleName: string,
  policyName: string,
  document: string,
  onGone: () => void,
): HTMLElement {
  const editor = jsonEditor(`Policy ${policyName}`, policyText(document));
  const status = statusLine();
  return form(
    async () => {
      const text = editor.checked();
      if (text === undefined) return editor.input.focus();
      try {
        await api.iam.send(
          new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: text }),
        );
        status.ok(`Policy ${policyName} saved.`);
      } catch (error) {
        editor.error(describeError(error));
        status.fail(error);
      }
    },
    editor.row,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit" }, `Save ${policyName}`),
      confirmedButton(
        `Delete ${policyName}`,
        { question: `Delete the inline policy ${policyName} of ${roleName}?`, confirm: "Delete policy" },
        async () => {
          await api.iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
          onGone();
        },
        status,
      ),
    ),
    status.el,
  );
}

export async function rolePage(api: Api, [roleName = ""]: readonly string[]): Promise<HTMLElement> {
  const { Role } = await api.iam.send(new GetRoleCommand({ RoleName: roleName }));
  const { PolicyNames = [] } = await api.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
  const policies = await Promise.all(
    PolicyNames.map(async (PolicyName) => {
      const p = await api.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }));
      return [PolicyName, p.PolicyDocument ?? ""] as const;
    }),
  );
  const { Tags = [] } = await api.iam.send(new ListRoleTagsCommand({ RoleName: roleName }));
  const reload = () => window.dispatchEvent(new HashChangeEvent("hashchange"));

  const trust = jsonEditor("Trust policy", policyText(Role?.AssumeRolePolicyDocument));
  const trustStatus = statusLine();
  const trustForm = form(
    async () => {
      const text = trust.checked();
      if (text === undefined) return trust.input.focus();
      try {
        await api.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: roleName, PolicyDocument: text }));
        trustStatus.ok("Trust policy saved.");
      } catch (error) {
        trust.error(describeError(error));
        trustStatus.fail(error);
      }
    },
    trust.row,
    h("button", { type: "submit" }, "Save trust policy"),
    trustStatus.el,
  );

  const newName = field("New policy name", textInput("", { name: "policy-name" }));
  const newDoc = jsonEditor("New policy document", POLICY_TEMPLATE);
  const newStatus = statusLine();
  const addPolicy = form(
    async () => {
      newName.error(undefined);
      if (!newName.input.value.trim()) return newName.error("Enter a name for the policy.");
      const text = newDoc.checked();
      if (text === undefined) return newDoc.input.focus();
      try {
        await api.iam.send(
          new PutRolePolicyCommand({
            RoleName: roleName,
            PolicyName: newName.input.value.trim(),
            PolicyDocument: text,
          }),
        );
        reload();
      } catch (error) {
        if ((error as Error).name === "MalformedPolicyDocumentException") newDoc.error(describeError(error));
        else newName.error(describeError(error));
        newStatus.fail(error);
      }
    },
    newName.row,
    newDoc.row,
    h("button", { type: "submit" }, "Add inline policy"),
    newStatus.el,
  );

  const tagForm = iamTagsForm("role-tags", Tags, {
    tag: (tags) => api.iam.send(new TagRoleCommand({ RoleName: roleName, Tags: tags })),
    untag: (TagKeys) => api.iam.send(new UntagRoleCommand({ RoleName: roleName, TagKeys })),
  });

  const deleteStatus = statusLine();
  const extra = PolicyNames.length ? ` Its inline policies (${PolicyNames.join(", ")}) are deleted first.` : "";
  const remove = confirmedButton(
    "Delete role",
    {
      question: `Delete the role ${roleName}?${extra} Pools that name it will not get credentials for it.`,
      confirm: "Delete role",
    },
    async () => {
      for (const PolicyName of PolicyNames)
        await api.iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName }));
      await api.iam.send(new DeleteRoleCommand({ RoleName: roleName }));
      location.hash = "#/roles";
    },
    deleteStatus,
  );

  return h(
    "div",
    {},
    pageTitle(
      roleName,
      h("p", {}, h("code", {}, Role?.Arn ?? "")),
      Role?.Description ? h("p", {}, Role.Description) : null,
    ),
    section("Trust policy", trustForm),
    section(
      "Inline policies",
      ...(policies.length
        ? policies.map(([n, d]) => inlinePolicy(api, roleName, n, d, reload))
        : [h("p", {}, "No inline policies.")]),
      h("h3", {}, "Add an inline policy"),
      addPolicy,
    ),
    section("Tags", tagForm),
    section("Delete", remove, deleteStatus.el),
  );
}
