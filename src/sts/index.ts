export { type AssumeOutcome, type AssumeRefusal, type AssumeRoleInput, RoleAssumer } from "./assume-role.js";
export { sessionCredentialLookup } from "./credential-lookup.js";
export { Keyring } from "./keyring.js";
export { type MintRequest, mintCredentials, type TemporaryCredentials } from "./mint.js";
export { stsOperations } from "./operations/index.js";
export { openSessionToken, type SessionClaims, sealSessionToken } from "./session-token.js";
export { verifyWebIdentity, type WebIdentity, type WebIdentityDeps } from "./web-identity.js";
