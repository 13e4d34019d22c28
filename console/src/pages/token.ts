/** Test a token: every rule idpool checks, as pass or fail with what to change (IdpoolService.DiagnoseToken). */
import { DescribeIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import type { Api } from "../api.js";
import { field, form, h, pageTitle, section, statusLine, table, textArea, textInput, uid } from "../dom.js";
import { poolPicker } from "./pool-picker.js";

interface Check {
  Rule?: string;
  Status?: string;
  Says?: string;
  Fix?: string;
}

export async function tokenPage(api: Api): Promise<HTMLElement> {
  const pool = await poolPicker(api);
  const keys = h("datalist", { id: uid("keys") });
  const loginsKey = field(
    "Logins key",
    textInput("", { name: "logins-key", list: keys.id }),
    "The provider name the app sends in Logins.",
  );
  async function fillKeys(): Promise<void> {
    if (!pool.input.value) return;
    const p = await api.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.input.value }));
    const names = [
      ...(p.OpenIdConnectProviderARNs ?? []).map((arn) => arn.replace(/^arn:[^:]*:iam::\d+:oidc-provider\//, "")),
      ...Object.keys(p.SupportedLoginProviders ?? {}),
      ...(p.CognitoIdentityProviders ?? []).map((c) => c.ProviderName ?? ""),
    ].filter(Boolean);
    keys.replaceChildren(...names.map((n) => h("option", { value: n })));
    if (!names.includes(loginsKey.input.value)) loginsKey.input.value = names[0] ?? "";
  }
  pool.input.addEventListener("change", () => void fillKeys());
  await fillKeys().catch(() => undefined);
  const token = field(
    "ID token",
    textArea("", 5, { name: "token" }),
    "Paste the JWT. It is sent to idpool only, signed.",
  );
  const result = h("div", { "aria-live": "polite" });
  const status = statusLine();
  const body = form(
    async () => {
      token.error(undefined);
      loginsKey.error(undefined);
      status.clear();
      if (!loginsKey.input.value.trim()) return loginsKey.error("Enter the logins key.");
      if (!token.input.value.trim()) return token.error("Paste an ID token.");
      try {
        const out = await api.idpool("DiagnoseToken", {
          IdentityPoolId: pool.input.value,
          LoginsKey: loginsKey.input.value.trim(),
          Token: token.input.value.trim(),
        });
        const checks = (Array.isArray(out.Checks) ? out.Checks : []) as Check[];
        const failed = checks.filter((c) => c.Status === "fail");
        result.replaceChildren(
          h(
            "p",
            { class: out.Accepted ? "verdict ok" : "verdict error", "data-testid": "verdict" },
            out.Accepted
              ? "Accepted: idpool would take this token."
              : `Refused${out.Reason ? `: ${String(out.Reason)}` : ""}`,
            failed.length ? ` (failing rule: ${failed.map((c) => c.Rule).join(", ")})` : "",
          ),
          table(
            ["Rule", "Result", "What it says", "What to change"],
            checks.map((c) => [
              h("strong", {}, c.Rule ?? ""),
              h("span", { class: `check ${c.Status ?? ""}` }, c.Status ?? ""),
              c.Says ?? "",
              c.Fix ?? "",
            ]),
            "Checks",
          ),
        );
      } catch (error) {
        status.fail(error);
        result.replaceChildren();
      }
    },
    pool.row,
    keys,
    loginsKey.row,
    token.row,
    h("button", { type: "submit" }, "Test token"),
    status.el,
  );
  return h("div", {}, pageTitle("Test a token"), section("Token", body), result);
}
