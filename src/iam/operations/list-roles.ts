import { defineOperation, type Operation, struct } from "../../protocol/index.js";
import type { IamDeps } from "../deps.js";
import { paginate } from "../pagination.js";
import { roleToWire } from "../roles/role-view.js";
import { pageMembers, pathPrefixShape } from "../shapes.js";

const sortKey = (name: string): string => name.toLowerCase();

/** Roles in name order (without regard to case), filtered by path prefix; tags are omitted as IAM does. */
export function listRoles(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "ListRoles",
    auth: "root",
    input: struct({ PathPrefix: pathPrefixShape, ...pageMembers }),
    async handle(input) {
      const prefix = input.PathPrefix ?? "/";
      const roles = (await deps.store.roles.list())
        .filter((r) => r.path.startsWith(prefix))
        .sort((a, b) => (sortKey(a.roleName) < sortKey(b.roleName) ? -1 : 1));
      const page = paginate(roles, input, (r) => sortKey(r.roleName));
      return {
        Roles: page.items.map((r) => roleToWire(r, { withTags: false })),
        IsTruncated: page.IsTruncated,
        Marker: page.Marker,
      };
    },
  });
}
