import { defineOperation, type Operation, struct } from "../../protocol/index.js";
import { MAX_TOKEN_LIFETIME_MS } from "../../tokens/index.js";
import type { AdminDeps } from "../deps.js";

/**
 * IdpoolService.ListSigningKeys (README: What it serves): the keys that sign and verify idpool's
 * own OpenID tokens, newest first, as the JWKS document publishes them: the current one and those
 * superseded less than a token's longest lifetime ago. Times are epoch seconds (AWS JSON
 * timestamps). Root only. Kept in identity/ (which may import tokens/) because these keys sign
 * Cognito Identity's OpenID tokens (GetOpenIdToken), which identity issues.
 */
export function listSigningKeys(deps: AdminDeps): Operation {
  return defineOperation({
    service: "idpool",
    name: "ListSigningKeys",
    auth: "root",
    input: struct({}),
    async handle() {
      const records = await deps.store.signingKeys.listPublished(deps.clock.nowMs() - MAX_TOKEN_LIFETIME_MS);
      // Newest first; the newest not superseded is the one that signs (tokens/signing-keys.ts).
      const current = records.find((r) => r.supersededAtMs === undefined)?.kid;
      return {
        Keys: records.map((r) => ({
          KeyId: r.kid,
          CreatedAt: new Date(r.createdAtMs),
          SupersededAt: r.supersededAtMs === undefined ? undefined : new Date(r.supersededAtMs),
          Current: r.kid === current,
        })),
      };
    },
  });
}
