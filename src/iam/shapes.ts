import { bool, type Infer, int, list, required, type StructureShape, str, struct } from "../protocol/index.js";

/**
 * IAM model constraints shared by several operations (botocore iam 2010-05-08 `service-2.json`).
 * The framework checks them before a handler runs and answers ValidationError.
 */
export const arnShape = str({ min: 20, max: 2048 });
export const roleNameShape = str({ min: 1, max: 64, pattern: "[\\w+=,.@-]+" });
export const policyNameShape = str({ min: 1, max: 128, pattern: "[\\w+=,.@-]+" });
export const pathShape = str({ min: 1, max: 512, pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)" });
export const pathPrefixShape = str({ min: 1, max: 512, pattern: "\\u002F[\\u0021-\\u007F]*" });
export const policyDocumentShape = str({ min: 1, max: 131072, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" });
export const roleDescriptionShape = str({
  max: 1000,
  pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
});
export const maxSessionDurationShape = int({ min: 3600, max: 43200 });
/** Managed policies (CreatePolicy, ListPolicies, ListAttachedRolePolicies: `policyPathType`). */
export const policyPathShape = str({ min: 1, max: 512, pattern: "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/" });
export const policyDescriptionShape = str({ max: 1000 });
export const policyVersionIdShape = str({ pattern: "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?" });
export const policyScopeShape = str({ enum: ["All", "AWS", "Local"] });
export const policyUsageFilterShape = str({ enum: ["PermissionsPolicy", "PermissionsBoundary"] });
export const booleanShape = bool();
export const markerShape = str({ min: 1, max: 320, pattern: "[\\u0020-\\u00FF]+" });
export const maxItemsShape = int({ min: 1, max: 1000 });
export const providerUrlShape = str({ min: 1, max: 255 });
export const clientIdShape = str({ min: 1, max: 255 });
export const thumbprintShape = str({ min: 40, max: 40 });

export const tagKeyShape = str({ min: 1, max: 128, pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+" });
export const tagValueShape = str({ min: 0, max: 256, pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*" });
export const tagShape = struct({ Key: required(tagKeyShape), Value: required(tagValueShape) });
export const tagListShape = list(tagShape, { max: 50 });
export const tagKeyListShape = list(tagKeyShape, { max: 50 });

/** Wire form of a tag, also the decoded form of a `Tags.member.N` entry. */
export type WireTag = Infer<typeof tagShape>;

/** The paging members of IAM list operations, last in each list operation's input. */
export const pageMembers = { Marker: markerShape, MaxItems: maxItemsShape };
export type PageInput = Infer<StructureShape<typeof pageMembers>>;
