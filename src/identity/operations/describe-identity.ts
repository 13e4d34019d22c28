import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { AdminDeps } from "../deps.js";
import { identityNotFound } from "../errors.js";
import { identityToWire } from "../identities/identity-wire.js";
import { identityId } from "../shapes.js";

/** DescribeIdentity (reference §2.4): provider names, creation and last-modified dates. */
export function describeIdentity(deps: AdminDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "DescribeIdentity",
    auth: "root",
    input: struct({ IdentityId: required(identityId) }),
    async handle(input) {
      const found = await deps.store.identities.getWithLogins(input.IdentityId);
      if (!found) throw identityNotFound(input.IdentityId);
      return identityToWire(found.identity, found.logins);
    },
  });
}
