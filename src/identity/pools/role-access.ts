import { findRoleByArn } from "../../iam/index.js";
import type { Store } from "../../store/index.js";
import { roleForbidden } from "../errors.js";

/**
 * A pool may only name roles that exist in this account: the caller would need iam:PassRole on
 * them, and a role that does not exist cannot be passed. AWS answers both cases alike, naming the
 * value as given (reference §2.4 SetIdentityPoolRoles, §4.2).
 */
export async function assertRoleUsable(store: Store, accountId: string, arn: string): Promise<void> {
  if (!(await findRoleByArn(store, accountId, arn))) {
    throw roleForbidden(arn);
  }
}
