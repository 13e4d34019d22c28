import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { loadRole } from "../roles/role-store.js";
import { roleToWire } from "../roles/role-view.js";
import { roleNameShape } from "../shapes.js";

export function getRole(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "GetRole",
    auth: "root",
    input: struct({ RoleName: required(roleNameShape) }),
    async handle(input) {
      return { Role: roleToWire(await loadRole(deps.store, input.RoleName), { withTags: true }) };
    },
  });
}
