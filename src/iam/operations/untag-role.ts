import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { updateRole } from "../roles/role-store.js";
import { roleNameShape, tagKeyListShape } from "../shapes.js";
import { removeTags } from "../tags.js";

export function untagRole(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "UntagRole",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape), TagKeys: required(tagKeyListShape) }),
    async handle(input) {
      await updateRole(deps.store, input.RoleName, (role) => ({ ...role, tags: removeTags(role.tags, input.TagKeys) }));
      return undefined;
    },
  });
}
