import { defineOperation, type Operation, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { paginate } from "../pagination.js";
import { policyToWire } from "../policies/policy-view.js";
import { booleanShape, pageMembers, policyPathShape, policyScopeShape, policyUsageFilterShape } from "../shapes.js";

const sortKey = (name: string): string => name.toLowerCase();

/**
 * ListPolicies (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html), in
 * name order. idpool holds no AWS managed policies, so Scope=AWS lists nothing and All lists the
 * local ones; nothing is used as a permissions boundary, so PolicyUsageFilter=PermissionsBoundary
 * lists nothing and PermissionsPolicy everything.
 */
export function listPolicies(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "ListPolicies",
    auth: "root",
    input: struct({
      Scope: policyScopeShape,
      OnlyAttached: booleanShape,
      PathPrefix: policyPathShape,
      PolicyUsageFilter: policyUsageFilterShape,
      ...pageMembers,
    }),
    async handle(input) {
      const none = input.Scope === "AWS" || input.PolicyUsageFilter === "PermissionsBoundary";
      const prefix = input.PathPrefix ?? "/";
      const [policies, counts] = none
        ? [[], new Map<string, number>()]
        : await Promise.all([deps.store.policies.list(), deps.store.policies.attachmentCounts()]);
      const wanted = policies
        .filter((p) => p.path.startsWith(prefix) && (!input.OnlyAttached || (counts.get(p.arn) ?? 0) > 0))
        .sort((a, b) => (sortKey(a.policyName) < sortKey(b.policyName) ? -1 : 1));
      const page = paginate(wanted, input, (p) => sortKey(p.policyName));
      return {
        Policies: page.items.map((p) => policyToWire(p, counts.get(p.arn) ?? 0, { full: false })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  });
}
