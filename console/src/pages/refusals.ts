/** The logins idpool refused lately, with the rule and why (IdpoolService.ListRecentRefusals). */
import type { Api } from "../api.js";
import { button, h, pageTitle, section, statusLine, table } from "../dom.js";

interface Refusal {
  Time?: string | number;
  IdentityPoolId?: string;
  LoginsKey?: string;
  Rule?: string;
  Reason?: string;
  Process?: string | number;
}

export async function refusalsPage(api: Api): Promise<HTMLElement> {
  const list = h("div", {});
  const status = statusLine();
  async function load(): Promise<void> {
    try {
      const out = await api.idpool("ListRecentRefusals");
      const refusals = (Array.isArray(out.Refusals) ? out.Refusals : []) as Refusal[];
      list.replaceChildren(
        refusals.length
          ? table(
              ["Time", "Pool", "Logins key", "Rule", "Reason", "Process"],
              refusals.map((r) => [
                typeof r.Time === "number" ? new Date(r.Time * 1000).toISOString() : String(r.Time ?? ""),
                h("code", {}, r.IdentityPoolId ?? ""),
                r.LoginsKey ?? "",
                h("strong", {}, r.Rule ?? ""),
                r.Reason ?? "",
                String(r.Process ?? ""),
              ]),
              "Recent refusals",
            )
          : h("p", {}, "No refused logins lately."),
      );
      status.clear();
    } catch (error) {
      status.fail(error);
    }
  }
  await load();
  return h(
    "div",
    {},
    pageTitle("Recent refusals"),
    section("Refused logins", button("Refresh", load, { class: "secondary" }), status.el, list),
  );
}
