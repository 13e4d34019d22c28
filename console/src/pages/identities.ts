/** The identities of a pool: list a page at a time, find by identity id or developer user id, show one (identity-detail.ts). */
import {
  DescribeIdentityPoolCommand,
  type IdentityDescription,
  ListIdentitiesCommand,
  LookupDeveloperIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import type { Api } from "../api.js";
import {
  button,
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
import { type IdentityDetailContext, identityDetail } from "./identity-detail.js";
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

  const context: IdentityDetailContext = {
    api,
    poolId,
    developerProvider,
    refresh: show,
    deleted: async (identityId) => {
      detail.replaceChildren(h("p", { class: "status ok", role: "status" }, `Deleted ${identityId}.`));
      await load();
    },
  };

  async function show(identityId: string): Promise<void> {
    try {
      detail.replaceChildren(await identityDetail(context, identityId));
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
