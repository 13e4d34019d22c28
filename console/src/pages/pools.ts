/** Identity pools: the list, a page at a time, and a form that creates one. */
import { CreateIdentityPoolCommand, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import type { Api } from "../api.js";
import { checkbox, field, form, h, pagerButtons, pageTitle, section, statusLine, table, textInput } from "../dom.js";

const PAGE_SIZE = 20;

export async function poolsPage(api: Api): Promise<HTMLElement> {
  const list = h("div", {});
  const tokens: (string | undefined)[] = [undefined];
  let at = 0;
  const pager = h("div", { class: "actions" });
  const listStatus = statusLine();

  async function load(): Promise<void> {
    try {
      const out = await api.cognito.send(
        new ListIdentityPoolsCommand({ MaxResults: PAGE_SIZE, NextToken: tokens[at] }),
      );
      const pools = out.IdentityPools ?? [];
      list.replaceChildren(
        pools.length === 0
          ? h("p", {}, at === 0 ? "No identity pools yet." : "No more pools.")
          : table(
              ["Name", "Identity pool id"],
              pools.map((p) => [
                h("a", { href: `#/pools/${encodeURIComponent(p.IdentityPoolId ?? "")}` }, p.IdentityPoolName ?? ""),
                h("code", {}, p.IdentityPoolId ?? ""),
              ]),
              "Identity pools",
            ),
      );
      tokens[at + 1] = out.NextToken;
      pager.replaceChildren(
        ...pagerButtons(at === 0, Boolean(out.NextToken), async (delta) => {
          at += delta;
          await load();
        }),
      );
      listStatus.clear();
    } catch (error) {
      listStatus.fail(error);
    }
  }

  const name = field(
    "Pool name",
    textInput("", { name: "pool-name" }),
    "Letters, digits, spaces and + = , . @ -, up to 128.",
  );
  const guests = field("Allow guest (unauthenticated) identities", checkbox(false));
  const classic = field("Allow the basic (classic) flow", checkbox(false));
  const createStatus = statusLine();
  const create = form(
    async () => {
      name.error(undefined);
      if (!name.input.value.trim()) {
        name.error("Enter a name for the pool.");
        name.input.focus();
        return;
      }
      try {
        const out = await api.cognito.send(
          new CreateIdentityPoolCommand({
            IdentityPoolName: name.input.value.trim(),
            AllowUnauthenticatedIdentities: guests.input.checked,
            AllowClassicFlow: classic.input.checked,
          }),
        );
        location.hash = `#/pools/${encodeURIComponent(out.IdentityPoolId ?? "")}`;
      } catch (error) {
        if (String((error as Error).message).includes("IdentityPoolName")) name.error(String((error as Error).message));
        createStatus.fail(error);
      }
    },
    name.row,
    guests.row,
    classic.row,
    h("button", { type: "submit" }, "Create pool"),
    createStatus.el,
  );

  await load();
  return h(
    "div",
    {},
    pageTitle("Identity pools"),
    section("Pools", listStatus.el, list, pager),
    section(
      "Create an identity pool",
      h("p", { class: "hint" }, "Providers, roles and the rest are set on the pool's page after it is created."),
      create,
    ),
  );
}
