import type { Operation } from "../../protocol/index.js";
import type { RoleAssumer } from "../assume-role.js";
import type { WebIdentityDeps } from "../web-identity.js";
import { assumeRoleWithWebIdentity } from "./assume-role-with-web-identity.js";
import { getCallerIdentity } from "./get-caller-identity.js";

/** The STS operations idpool serves (issue #4, item 4). */
export function stsOperations(deps: WebIdentityDeps & { readonly assumer: RoleAssumer }): Operation[] {
  return [assumeRoleWithWebIdentity(deps), getCallerIdentity()];
}
