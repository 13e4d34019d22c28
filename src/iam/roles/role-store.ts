import { serviceError } from "../../errors/index.js";
import { parseRoleArn } from "../../shared/index.js";
import type { RoleRecord, Store } from "../../store/index.js";
import { updateOptimistically } from "../optimistic.js";

/** IAM's answer for an unknown role name. */
export function roleNotFound(roleName: string): Error {
  return serviceError("NoSuchEntity", `The role with name ${roleName} cannot be found.`);
}

export async function loadRole(store: Store, roleName: string): Promise<RoleRecord> {
  const record = await store.roles.get(roleName);
  if (!record) throw roleNotFound(roleName);
  return record;
}

/**
 * The role a role ARN names in `accountId`, or undefined. Names match without regard to case (IAM
 * role names are unique that way); the path must match exactly, since it is part of the ARN.
 */
export async function findRoleByArn(store: Store, accountId: string, arn: string): Promise<RoleRecord | undefined> {
  const parsed = parseRoleArn(arn);
  if (!parsed || parsed.accountId !== accountId) return undefined;
  const record = await store.roles.get(parsed.roleName);
  return record && record.path === parsed.path ? record : undefined;
}

export function updateRole(
  store: Store,
  roleName: string,
  change: (current: RoleRecord) => RoleRecord,
): Promise<RoleRecord> {
  return updateOptimistically(
    {
      load: () => store.roles.get(roleName),
      save: (next, expected) => store.roles.update(next, expected),
      missing: () => roleNotFound(roleName),
      description: `role ${roleName}`,
    },
    change,
  );
}
