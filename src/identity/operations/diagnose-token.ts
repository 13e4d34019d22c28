import { type DiagnosisCheck, diagnoseToken as diagnose } from "../../oidc/index.js";
import { defineOperation, type Operation, required, str, struct } from "../../protocol/index.js";
import type { IdentityDeps } from "../deps.js";
import { loadPool } from "../pools/pool-access.js";
import { identityPoolId, identityProviderName } from "../shapes.js";
import { diagnosedProvider } from "./diagnose-provider.js";

/** A check as on the wire: `skip` is spelled `skipped`; `Reason` is oidc/'s reason of a failure. */
function checkToWire(check: DiagnosisCheck): Record<string, string | undefined> {
  return {
    Rule: check.rule,
    Status: check.status === "skip" ? "skipped" : check.status,
    Says: check.says,
    Reason: check.reason,
    Fix: check.fix,
  };
}

/**
 * IdpoolService.DiagnoseToken (README: What it serves): every rule idpool applies to one ID token
 * for one logins key of a pool, as `idpool doctor` shows them, checked by this server (its key
 * cache and its TLS rules for the provider's keys) with the very verifier logins use. Nothing is
 * signed in and nothing is recorded: no identity, no `login_refused` event. idpool's own operation
 * (X-Amz-Target IdpoolService.DiagnoseToken, signing name idpool, root only), kept in identity/
 * because it finds the provider the way a Cognito login does (the login-kind table). The token is
 * never logged: no line here names it, and protocol's events never carry a Token member.
 *
 * Output: `Accepted`; `Reason`, oidc/'s reason when refused (`not_supported` when the key names no
 * ID-token provider); `Checks`, each `{Rule, Status: pass | fail | skipped, Says, Reason?, Fix?}`;
 * `Provider`, the registration checked against (`Url`, `ClientIds`, `Thumbprints`), when there is one.
 */
export function diagnoseTokenOperation(deps: IdentityDeps): Operation {
  return defineOperation({
    service: "idpool",
    name: "DiagnoseToken",
    auth: "root",
    input: struct({
      IdentityPoolId: required(identityPoolId),
      LoginsKey: required(identityProviderName),
      // As a logins map's tokens (shapes.ts loginsMap): up to 50,000 characters, no control characters.
      Token: required(str({ min: 1, max: 50000, noControlCharacters: true })),
    }),
    async handle(input) {
      const pool = await loadPool(deps.store.pools, input.IdentityPoolId);
      const found = await diagnosedProvider(deps, pool, input.LoginsKey);
      if (!found.ok) {
        return {
          Accepted: false,
          Reason: "not_supported",
          Checks: [{ Rule: "provider", Status: "fail", Says: found.says, Reason: "not_supported", Fix: found.fix }],
        };
      }
      const { registration } = found;
      const diagnosis = await diagnose(deps.verifier, deps.clock, input.Token, registration, input.LoginsKey);
      return {
        Accepted: diagnosis.accepted,
        Reason: diagnosis.rejection?.reason,
        Checks: diagnosis.checks.map(checkToWire),
        Provider: {
          Url: registration.url,
          ClientIds: [...registration.clientIds],
          Thumbprints: [...registration.thumbprints],
        },
      };
    },
  });
}
