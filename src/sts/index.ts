export { sessionCredentialLookup } from "./credential-lookup.js";
export { Keyring } from "./keyring.js";
export { type MintRequest, mintCredentials, type TemporaryCredentials } from "./mint.js";
export { openSessionToken, type SessionClaims, sealSessionToken } from "./session-token.js";
