import type { PolicyRecord, PolicyVersionRecord, Store } from "../../store/index.js";
import { updateOptimistically } from "../optimistic.js";
import { policyNotFound, policyVersionNotFound } from "./policy-rules.js";

export async function loadPolicy(store: Store, arn: string): Promise<PolicyRecord> {
  const record = await store.policies.get(arn);
  if (!record) throw policyNotFound(arn);
  return record;
}

export function versionOf(policy: PolicyRecord, versionId: string): PolicyVersionRecord {
  const found = policy.versions.find((v) => v.versionId === versionId);
  if (!found) throw policyVersionNotFound(policy.arn, versionId);
  return found;
}

/** Read-modify-write of a policy's versions; a lost race re-applies `change` to the fresh record. */
export function updatePolicy(
  store: Store,
  arn: string,
  change: (current: PolicyRecord) => PolicyRecord,
): Promise<PolicyRecord> {
  return updateOptimistically(
    {
      load: () => store.policies.get(arn),
      save: (next, expected) => store.policies.update(next, expected),
      missing: () => policyNotFound(arn),
      description: `policy ${arn}`,
    },
    change,
  );
}
