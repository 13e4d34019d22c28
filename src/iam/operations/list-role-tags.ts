import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { paginate } from "../pagination.js";
import { loadRole } from "../roles/role-store.js";
import { pageMembers, roleNameShape } from "../shapes.js";
import { tagsToWire } from "../tags.js";

export function listRoleTags(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "ListRoleTags",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), ...pageMembers }),
    async handle(input) {
      const role = await loadRole(deps.store, input.RoleName);
      const page = paginate(tagsToWire(role.tags), input);
      return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  });
}
