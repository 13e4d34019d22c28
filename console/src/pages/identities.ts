/** The identities of a pool: list a page at a time, find by identity id or developer user id, unlink, delete. */
import {
  DeleteIdentitiesCommand,
  DescribeIdentityCommand,
  DescribeIdentityPoolCommand,
  type IdentityDescription,
  ListIdentitiesCommand,
  LookupDeveloperIdentityCommand,
  UnlinkDeveloperIdentityCommand,
  UnlinkIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import type { Api } from "../api.js";
import {
  button,
  confirmAction,
  field,
  form,
  h,
  pagerButtons,
  pageTitle,
  section,
  statusLine,
  table,
  textArea,
  textInput,
  when,
} from "../dom.js";
import { poolPicker } from "./pool-picker.js";

const PAGE_SIZE = 20;

export async function identitiesPage(api: Api, [poolParam = ""]: readonly string[]): Promise<HTMLElement> {
  const pool = await poolPicker(api, poolParam);
  pool.input.addEventListener("change", () => {
    location.hash = `#/identities/${encodeURIComponent(pool.input.value)}`;
  });
  const poolId = pool.input.value;
  if (!poolId) return h("div", {}, pageTitle("Identities"), section("Pool", h("p", {}, "No identity pools yet.")));
  const described = await api.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
  const developerProvider = described.DeveloperProviderName;

  const list = h("div", {});
  const pager = h("div", { class: "actions" });
  const listStatus = statusLine();
  const tokens: (string | undefined)[] = [undefined];
  let at = 0;
  const detail = h("div", {});

  const row = (i: IdentityDescription) => [
    button(i.IdentityId ?? "", () => show(i.IdentityId ?? ""), { class: "link" }),
    (i.Logins ?? []).join(", ") || "(guest)",
    when(i.CreationDate),
    when(i.LastModifiedDate),
  ];

  async function load(): Promise<void> {
    try {
      const out = await api.cognito.send(
        new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: PAGE_SIZE, NextToken: tokens[at] }),
      );
      const ids = out.Identities ?? [];
      list.replaceChildren(
        ids.length
          ? table(["Identity id", "Linked logins", "Created", "Last modified"], ids.map(row), "Identities")
          : h("p", {}, "No identities."),
      );
      tokens[at + 1] = out.NextToken;
      pager.replaceChildren(
        ...pagerButtons(at === 0, Boolean(out.NextToken), async (delta) => {
          at += delta;
          await load();
        }),
      );
    } catch (error) {
      listStatus.fail(error);
    }
  }

  async function show(identityId: string): Promise<void> {
    const status = statusLine();
    try {
      const i = await api.cognito.send(new DescribeIdentityCommand({ IdentityId: identityId }));
      let developerIds: string[] = [];
      if (developerProvider && (i.Logins ?? []).includes(developerProvider)) {
        const dev = await api.cognito.send(
          new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: identityId, MaxResults: 60 }),
        );
        developerIds = dev.DeveloperUserIdentifierList ?? [];
      }
      const loginsKey = field("Logins key to unlink", textInput("", { name: "unlink-key" }));
      const token = field(
        "That login's current token",
        textArea("", 2),
        "UnlinkIdentity needs the provider's token for the login.",
      );
      const unlink = form(
        async () => {
          try {
            await api.cognito.send(
              new UnlinkIdentityCommand({
                IdentityId: identityId,
                Logins: { [loginsKey.input.value.trim()]: token.input.value.trim() },
                LoginsToRemove: [loginsKey.input.value.trim()],
              }),
            );
            await show(identityId);
          } catch (error) {
            token.error(String((error as Error).message));
            status.fail(error);
          }
        },
        loginsKey.row,
        token.row,
        h("button", { type: "submit" }, "Unlink login"),
      );
      detail.replaceChildren(
        section(
          `Identity ${identityId}`,
          h(
            "dl",
            {},
            h("dt", {}, "Identity id"),
            h("dd", { "data-testid": "identity-id" }, identityId),
            h("dt", {}, "Linked logins"),
            h("dd", { "data-testid": "identity-logins" }, (i.Logins ?? []).join(", ") || "(none: a guest)"),
            h("dt", {}, "Created"),
            h("dd", {}, when(i.CreationDate)),
            h("dt", {}, "Last modified"),
            h("dd", {}, when(i.LastModifiedDate)),
          ),
          developerIds.length
            ? table(
                ["Developer user id", ""],
                developerIds.map((d) => [
                  d,
                  button(
                    `Unlink ${d}`,
                    async () => {
                      if (!(await confirmAction(`Unlink the developer user id ${d} from ${identityId}?`, "Unlink")))
                        return;
                      try {
                        await api.cognito.send(
                          new UnlinkDeveloperIdentityCommand({
                            IdentityId: identityId,
                            IdentityPoolId: poolId,
                            DeveloperProviderName: developerProvider ?? "",
                            DeveloperUserIdentifier: d,
                          }),
                        );
                        await show(identityId);
                      } catch (error) {
                        status.fail(error);
                      }
                    },
                    { class: "secondary" },
                  ),
                ]),
                "Developer user ids",
              )
            : null,
          (i.Logins ?? []).some((l) => l !== developerProvider)
            ? h("details", {}, h("summary", {}, "Unlink a provider login"), unlink)
            : null,
          button(
            "Delete identity",
            async () => {
              if (
                !(await confirmAction(
                  `Delete the identity ${identityId}? Its logins get a new identity next time.`,
                  "Delete identity",
                ))
              )
                return;
              try {
                const out = await api.cognito.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [identityId] }));
                if ((out.UnprocessedIdentityIds ?? []).length)
                  throw new Error(`not deleted: ${out.UnprocessedIdentityIds?.[0]?.ErrorCode}`);
                detail.replaceChildren(h("p", { class: "status ok", role: "status" }, `Deleted ${identityId}.`));
                await load();
              } catch (error) {
                status.fail(error);
              }
            },
            { class: "danger" },
          ),
          status.el,
        ),
      );
      detail.querySelector("h2")?.setAttribute("tabindex", "-1");
      (detail.querySelector("h2") as HTMLElement | null)?.focus();
    } catch (error) {
      detail.replaceChildren(
        section(
          "Identity",
          h(
            "p",
            { class: "status error", role: "alert" },
            String((error as Error).name ?? ""),
            ": ",
            String((error as Error).message),
          ),
        ),
      );
    }
  }

  const byId = field("Identity id", textInput("", { name: "find-identity-id", placeholder: "us-east-1:…" }));
  const byDev = field(
    "Developer user id",
    textInput("", { name: "find-developer-id" }),
    developerProvider ? `Of ${developerProvider}.` : "The pool has no developer provider.",
  );
  const findStatus = statusLine();
  const find = form(
    async () => {
      byId.error(undefined);
      byDev.error(undefined);
      findStatus.clear();
      const id = byId.input.value.trim();
      const dev = byDev.input.value.trim();
      if (!id && !dev) return byId.error("Enter an identity id or a developer user id.");
      if (id) return show(id);
      try {
        const out = await api.cognito.send(
          new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: dev }),
        );
        if (out.IdentityId) await show(out.IdentityId);
      } catch (error) {
        byDev.error(String((error as Error).message));
        findStatus.fail(error);
      }
    },
    byId.row,
    byDev.row,
    h("button", { type: "submit" }, "Find identity"),
    findStatus.el,
  );

  await load();
  return h(
    "div",
    {},
    pageTitle("Identities"),
    section("Pool", pool.row),
    section("Find an identity", find),
    detail,
    section("Identities of the pool", listStatus.el, list, pager),
  );
}
