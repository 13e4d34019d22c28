import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updateRole } from "../roles/role-store.js";
import { roleNameShape, tagListShape } from "../shapes.js";
import { mergeTags, tagsFromWire } from "../tags.js";

/** Adds tags, overwriting the values of keys already present. */
export function tagRole(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "TagRole",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), Tags: required(tagListShape) }),
    async handle(input) {
      const added = tagsFromWire(input.Tags);
      await updateRole(deps.store, input.RoleName, (role) => ({
        ...role,
        tags: mergeTags(role.tags, added, "TagsPerRole"),
      }));
      return undefined;
    },
  });
}
