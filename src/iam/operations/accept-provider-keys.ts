import { serviceError } from "../../errors/index.js";
import { defineOperation, list, type Operation, required, str, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { findOidcProviderByLoginsKey } from "../oidc-providers/provider-store.js";
import { loginsKeyOf } from "../oidc-providers/provider-url.js";
import { providerUrlShape } from "../shapes.js";

/**
 * IdpoolService.AcceptProviderKeys (README: "Key-continuity watch"): with --on-key-discontinuity
 * refuse, a provider whose whole key set was replaced, or whose keys' host changed CA, keeps being
 * verified with its last good keys until an administrator accepts the new set here (or with
 * `idpool providers accept-keys`). idpool's own operation (X-Amz-Target IdpoolService.*, signing
 * name idpool, root only), kept in iam/ because it acts on IAM's OpenID Connect provider objects;
 * the verifier's side comes through IamDeps.providerKeys. `Url` is the provider URL as registered
 * (`https://` may be left out, as IAM's `Url` answers show it); `KeyIds`, when given, must be the
 * very set waiting, so an administrator accepts exactly what the warning showed. Accepting is
 * recorded in the store, so every idpool process on it uses the new keys from its next fetch on.
 */
export function acceptProviderKeys(deps: IamDeps): Operation {
  return defineOperation({
    service: "idpool",
    name: "AcceptProviderKeys",
    auth: "root",
    input: struct({
      Url: required(providerUrlShape),
      KeyIds: list(str({ min: 1, max: 1024 }), { max: 100 }),
    }),
    async handle(input) {
      const url = /^https?:\/\//.test(input.Url) ? input.Url : `https://${input.Url}`;
      if (!deps.providerKeys) throw serviceError("ResourceConflict", "This idpool does not watch provider keys.");
      const outcome = await deps.providerKeys.accept(url, input.KeyIds);
      if (outcome.ok) return { Url: url, AcceptedKeyIds: [...outcome.acceptedKids] };
      if (outcome.problem === "kids_differ") {
        const waiting = outcome.pendingKids.join(", ") || "none";
        throw serviceError(
          "InvalidParameter",
          `KeyIds are not the key set waiting for ${url}, whose kids are: ${waiting}.`,
        );
      }
      // Nothing waits: say whether the provider is unknown or simply has nothing to accept. A key set
      // is accepted even for a URL not registered (a public provider's, say) when one waits.
      const record = await findOidcProviderByLoginsKey(deps.store, deps.accountId, loginsKeyOf(url));
      if (!record || record.url !== url) {
        throw serviceError("ResourceNotFound", `OpenIDConnect provider ${url} is not registered.`);
      }
      throw serviceError(
        "ResourceConflict",
        `OpenIDConnect provider ${url} has no key set waiting for acceptance: idpool has refused none of its keys.`,
      );
    },
  });
}
