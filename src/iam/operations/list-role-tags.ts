import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { paginate } from "../pagination.js";
import { loadRole } from "../roles/role-store.js";
import { markerShape, maxItemsShape, type PageInput, roleNameShape } from "../shapes.js";
import { tagsToWire } from "../tags.js";

interface Input extends PageInput {
  readonly RoleName: string;
}

export function listRoleTags(deps: IamDeps): Operation {
  return defineOperation<Input>({
    service: "iam",
    name: "ListRoleTags",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), Marker: markerShape, MaxItems: maxItemsShape }),
    async handle(input) {
      const role = await loadRole(deps.store, input.RoleName);
      const page = paginate(tagsToWire(role.tags), input);
      return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  });
}
