import { defineOperation, type Operation, struct } from "../../protocol/index.js";
import { rotateSigningKey as rotate } from "../../tokens/index.js";
import type { AdminDeps } from "../deps.js";

/**
 * IdpoolService.RotateSigningKey (README: What it serves): what `idpool keys rotate` does, over the
 * API: a new RS512 key signs idpool's OpenID tokens from now on (every process picks it up within
 * seconds, tokens/signing-keys.ts); earlier keys stay published until their tokens have expired.
 * Answers the new key's id. Root only; in identity/ for the reason ListSigningKeys gives.
 */
export function rotateSigningKey(deps: AdminDeps): Operation {
  return defineOperation({
    service: "idpool",
    name: "RotateSigningKey",
    auth: "root",
    input: struct({}),
    async handle() {
      return { KeyId: await rotate(deps.store, deps.region, deps.clock, deps.ids) };
    },
  });
}
