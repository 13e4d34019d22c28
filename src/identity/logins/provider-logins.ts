import { serviceError } from "../../errors/index.js";
import type { Logger } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { FlowDeps } from "../flows/flow-deps.js";
import { cognitoMessageForRejection } from "../token-rejection-message.js";
import { verifyIdToken } from "./oidc-login.js";
import type { VerifiedLogin } from "./verified-login.js";

const NOT_SUPPORTED = "Token is not from a supported provider of this identity pool.";

export const notSupported = () => serviceError("NotAuthorized", NOT_SUPPORTED);

/** An IAM OpenID Connect provider of the pool (reference §3.8, §4.1). */
export async function oidcProviderLogin(
  deps: FlowDeps,
  arn: string,
  key: string,
  token: string,
  log: Logger,
): Promise<VerifiedLogin> {
  const provider = await deps.store.oidcProviders.get(arn);
  if (!provider) throw notSupported();
  const { claims, clientId } = await verifyIdToken(deps.verifier, token, provider, key, log);
  return {
    provider: key,
    subject: claims.sub,
    claims,
    clientId,
    amr: ["authenticated", key, `${arn}:OIDC:${claims.sub}`],
    mappingKeys: [key, arn],
    kind: "oidc",
    defaultTags: { username: claims.sub, client: clientId },
  };
}

/**
 * A Cognito user pool (or any issuer named `host[:port]/path`) from CognitoIdentityProviders
 * (reference §4.1): an ID token of issuer `https://<ProviderName>` whose `aud` is a configured
 * ClientId. Keys are trusted through the trust store (system roots plus --extra-ca-file), as
 * user pools have no IAM thumbprints. ServerSideTokenCheck is stored but not enforced: idpool
 * cannot ask a user pool whether a user signed out.
 */
export async function userPoolLogin(
  deps: FlowDeps,
  pool: IdentityPoolRecord,
  name: string,
  token: string,
  log: Logger,
): Promise<VerifiedLogin> {
  const clientIds = pool.cognitoIdentityProviders.filter((p) => p.providerName === name).map((p) => p.clientId);
  const registration = { url: `https://${name}`, clientIds, thumbprints: [] };
  // A user pool client the identity pool does not list is "not a supported provider" (§4.2).
  const { claims, clientId } = await verifyIdToken(deps.verifier, token, registration, name, log, (rejection) =>
    rejection.reason === "audience_mismatch" || rejection.reason === "azp_mismatch"
      ? NOT_SUPPORTED
      : cognitoMessageForRejection(rejection),
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
}
