import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { PolicyRecord } from "../../store/index.js";
import type { IamDeps } from "../deps.js";
import { paginate } from "../pagination.js";
import { loadRole } from "../roles/role-store.js";
import { pageMembers, policyPathShape, roleNameShape } from "../shapes.js";

const sortKey = (name: string): string => name.toLowerCase();

/**
 * ListAttachedRolePolicies (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html):
 * names and ARNs of the role's managed policies whose path starts with PathPrefix, in name order.
 */
export function listAttachedRolePolicies(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "ListAttachedRolePolicies",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), PathPrefix: policyPathShape, ...pageMembers }),
    async handle(input) {
      const role = await loadRole(deps.store, input.RoleName);
      // Cached reads, as the role's; the foreign keys keep every attached policy in existence.
      const found = await Promise.all(role.attachedPolicyArns.map((arn) => deps.store.policies.get(arn)));
      const policies = found.filter((p): p is PolicyRecord => p !== undefined);
      const prefix = input.PathPrefix ?? "/";
      const wanted = policies
        .filter((p) => p.path.startsWith(prefix))
        .sort((a, b) => (sortKey(a.policyName) < sortKey(b.policyName) ? -1 : 1));
      const page = paginate(wanted, input, (p) => sortKey(p.policyName));
      return {
        AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.arn })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  });
}
