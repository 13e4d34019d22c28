import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { paginate } from "../pagination.js";
import { loadRole } from "../roles/role-store.js";
import { markerShape, maxItemsShape, type PageInput, roleNameShape } from "../shapes.js";

interface Input extends PageInput {
  readonly RoleName: string;
}

/** Inline policy names in name order. */
export function listRolePolicies(deps: IamDeps): Operation {
  return defineOperation<Input>({
    service: "iam",
    name: "ListRolePolicies",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), Marker: markerShape, MaxItems: maxItemsShape }),
    async handle(input) {
      const role = await loadRole(deps.store, input.RoleName);
      const names = Object.keys(role.inlinePolicies).sort();
      const page = paginate(names, input, (name) => name);
      return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  });
}
