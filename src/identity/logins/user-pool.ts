import { serviceError } from "../../errors/index.js";
import { notSupported } from "../errors.js";
import { verifyIdToken } from "./id-token.js";
import type { LoginKind, VerifyLogin } from "./login-kind.js";
import { cognitoMessageForRejection } from "./rejection-messages.js";

// `cognito-idp.<region>.amazonaws.com/<region>_<id>` (reference §2.4, §3.8).
const USER_POOL_HOST = /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/;
const USER_POOL_ID = /^[a-z0-9-]+_[0-9A-Za-z]+$/;
// Any other issuer without its scheme: `host[:port]/path`, so that user-pool emulators work too.
const ISSUER_WITHOUT_SCHEME = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::\d{1,5})?\/([\w.:/-]+)$/;

/** Whether a CognitoIdentityProviders[].ProviderName has the form of a user-pool issuer. */
export function isUserPoolProviderName(name: string): boolean {
  const match = ISSUER_WITHOUT_SCHEME.exec(name);
  if (!match) return false;
  const host = match[1] ?? "";
  const path = match[2] ?? "";
  if (USER_POOL_HOST.test(host)) return USER_POOL_ID.test(path);
  return !path.endsWith("/");
}

/**
 * A Cognito user pool (or any issuer named `host[:port]/path`) from CognitoIdentityProviders
 * (reference §4.1): an ID token of issuer `https://<ProviderName>` whose `aud` is a configured
 * ClientId. Keys are trusted through the trust store (system roots plus --extra-ca-file), as
 * user pools have no IAM thumbprints. ServerSideTokenCheck is stored but not enforced: idpool
 * cannot ask a user pool whether a user signed out.
 */
const verifyUserPoolLogin: VerifyLogin = async (deps, pool, name, token, log) => {
  const clientIds = pool.cognitoIdentityProviders.filter((p) => p.providerName === name).map((p) => p.clientId);
  const registration = { url: `https://${name}`, clientIds, thumbprints: [] };
  // A user pool client the identity pool does not list is "not a supported provider" (§4.2).
  const at = { deps, pool, loginsKey: name, token, log };
  const { claims, clientId } = await verifyIdToken(at, registration, (rejection) =>
    rejection.reason === "audience_mismatch" || rejection.reason === "azp_mismatch"
      ? notSupported()
      : serviceError("NotAuthorized", cognitoMessageForRejection(rejection)),
  );
  return {
    provider: name,
    subject: claims.sub,
    claims,
    clientId,
    amr: ["authenticated", name, `${name}:CognitoSignIn:${claims.sub}`],
    mappingKeys: [`${name}:${clientId}`, name],
    kind: "user-pool",
    defaultTags: { username: claims.sub, client: clientId },
  };
};

/** CognitoIdentityProviders: user pools by issuer name; role mappings name them with a client id. */
export const userPoolKind: LoginKind = {
  recognises: (pool, key) => pool.cognitoIdentityProviders.some((p) => p.providerName === key),
  verify: verifyUserPoolLogin,
  configured: (config) => config.cognitoIdentityProviders.length > 0,
  roleMappingKeys: (config) => config.cognitoIdentityProviders.map((p) => `${p.providerName}:${p.clientId}`),
  principalTagNames: (config) => config.cognitoIdentityProviders.map((p) => p.providerName),
  checkConfig(_deps, config) {
    // Reference §2.4: a URL form, a missing name or a missing client id is refused with this message.
    for (const p of config.cognitoIdentityProviders) {
      if (!isUserPoolProviderName(p.providerName) || p.clientId === "") {
        throw serviceError("InvalidParameter", "Invalid Cognito Identity Provider");
      }
    }
  },
};
