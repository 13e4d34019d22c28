import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { paginate } from "../pagination.js";
import { loadRole } from "../roles/role-store.js";
import { pageMembers, roleNameShape } from "../shapes.js";

/** Inline policy names in name order. */
export function listRolePolicies(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "ListRolePolicies",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), ...pageMembers }),
    async handle(input) {
      const role = await loadRole(deps.store, input.RoleName);
      const names = Object.keys(role.inlinePolicies).sort();
      const page = paginate(names, input, (name) => name);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  });
}
