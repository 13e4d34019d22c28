import type { PublicProviderUrls } from "../../config/index.js";
import { serviceError } from "../../errors/index.js";
import { subjectProblem } from "../../oidc/index.js";
import { verifyIdToken } from "./id-token.js";
import type { LoginKind, VerifyLogin } from "./login-kind.js";
import { type LoginAttempt, refuseLogin } from "./refusal.js";
import type { VerifiedLogin } from "./verified-login.js";

/** The issuers Google and Apple publish (Google's ID tokens may omit the scheme; reference §4.1). */
const OIDC_PUBLIC: Readonly<Record<string, { base: keyof PublicProviderUrls; issuers: readonly string[] }>> = {
  "accounts.google.com": { base: "google", issuers: ["https://accounts.google.com", "accounts.google.com"] },
  "appleid.apple.com": { base: "apple", issuers: ["https://appleid.apple.com"] },
};

function publicLogin(key: string, subject: string, clientId: string, claims: Record<string, unknown>): VerifiedLogin {
  return {
    provider: key,
    subject,
    claims,
    clientId,
    // `<provider>:<app or client id>:<user>`, the pattern observed for Facebook (reference §5).
    amr: ["authenticated", key, `${key}:${clientId}:${subject}`],
    mappingKeys: [key],
    kind: "public",
    defaultTags: { username: subject, client: clientId },
  };
}

/** Google and Apple ID tokens, verified as OpenID Connect with their published issuers. */
async function oidcPublicLogin(at: LoginAttempt, clientId: string): Promise<VerifiedLogin | undefined> {
  const key = at.loginsKey;
  const spec = OIDC_PUBLIC[key];
  if (!spec) return undefined;
  const registration = {
    url: at.deps.publicProviders[spec.base],
    clientIds: [clientId],
    thumbprints: [],
    issuers: spec.issuers,
  };
  const { claims } = await verifyIdToken(at, registration);
  return publicLogin(key, claims.sub, clientId, claims);
}

const unreachable = (key: string) =>
  serviceError("ExternalService", `${key} could not be reached to check the login token; try again later.`);

/** Asks a provider's API about an opaque access token; 4xx means the token is not good. */
async function inspect(at: LoginAttempt, url: URL): Promise<Record<string, unknown>> {
  const key = at.loginsKey;
  const answer = await at.deps.verifier.inspect(url, at.token);
  if (!answer.ok) {
    const refusal = { reason: answer.refused ? "refused_by_provider" : "provider_unreachable", rule: "provider" };
    const error = answer.refused
      ? serviceError("NotAuthorized", `Invalid login token. ${key} did not accept the access token.`)
      : unreachable(key);
    return refuseLogin(at, { ...refusal, detail: answer.detail }, error);
  }
  if (answer.json === null || typeof answer.json !== "object") throw unreachable(key);
  return answer.json as Record<string, unknown>;
}

const wrongApp = (at: LoginAttempt, found: unknown): never =>
  refuseLogin(
    at,
    { reason: "audience_mismatch", detail: `token issued to ${String(found).slice(0, 120)}` },
    serviceError("NotAuthorized", "Invalid login token. Incorrect token audience."),
  );

/**
 * Facebook and Login with Amazon tokens are opaque: idpool asks the provider who the token is for
 * (reference §4.1). Facebook: Graph `/app` (the app id) and `/me` (the user id); Amazon:
 * `/auth/o2/tokeninfo` (`aud`, `user_id`). The token travels in the Authorization header.
 */
async function opaqueLogin(at: LoginAttempt, appId: string): Promise<VerifiedLogin | undefined> {
  const key = at.loginsKey;
  if (key === "graph.facebook.com") {
    const base = at.deps.publicProviders.facebook;
    const app = await inspect(at, new URL(`${base}/app`));
    if (app.id !== appId) wrongApp(at, app.id);
    const me = await inspect(at, new URL(`${base}/me?fields=id`));
    if (typeof me.id !== "string" || subjectProblem(me.id) !== undefined) throw unreachable(key);
    return publicLogin(key, me.id, appId, { iss: key, aud: appId, sub: me.id });
  }
  if (key === "www.amazon.com") {
    const info = await inspect(at, new URL(`${at.deps.publicProviders.amazon}/auth/o2/tokeninfo`));
    if (info.aud !== appId) wrongApp(at, info.aud);
    if (typeof info.user_id !== "string" || subjectProblem(info.user_id) !== undefined) throw unreachable(key);
    const login = publicLogin(key, info.user_id, appId, {
      iss: key,
      aud: appId,
      sub: info.user_id,
      user_id: info.user_id,
    });
    return login;
  }
  return undefined;
}

/** The public providers SupportedLoginProviders may name (reference §2.4, §3.8). */
export const PUBLIC_PROVIDERS: readonly string[] = [
  "graph.facebook.com",
  "accounts.google.com",
  "www.amazon.com",
  "api.twitter.com",
  "appleid.apple.com",
  "www.digits.com",
];

/**
 * A public provider of SupportedLoginProviders (reference §2.4, §3.8). Twitter and Digits use
 * OAuth 1.0a credentials that idpool cannot check, so they are refused plainly.
 */
const verifyPublicLogin: VerifyLogin = async (deps, pool, key, token, log) => {
  const configuredId = pool.supportedLoginProviders[key];
  if (configuredId === undefined) throw serviceError("InvalidParameter", "Please provide a valid public provider.");
  const at = { deps, pool, loginsKey: key, token, log };
  const login = (await oidcPublicLogin(at, configuredId)) ?? (await opaqueLogin(at, configuredId));
  if (login) return login;
  throw serviceError(
    "InvalidParameter",
    `Logins of ${key} are not supported by idpool: its OAuth 1.0a tokens cannot be verified here.`,
  );
};

/** SupportedLoginProviders: public provider domains, each with the app or client id it issues to. */
export const publicProviderKind: LoginKind = {
  recognises: (_pool, key) => PUBLIC_PROVIDERS.includes(key),
  verify: verifyPublicLogin,
  configured: (config) => Object.keys(config.supportedLoginProviders).length > 0,
  roleMappingKeys: (config) => Object.keys(config.supportedLoginProviders),
  principalTagNames: (config) => Object.keys(config.supportedLoginProviders),
  checkConfig(_deps, config) {
    for (const key of Object.keys(config.supportedLoginProviders)) {
      if (!PUBLIC_PROVIDERS.includes(key)) {
        throw serviceError(
          "InvalidParameter",
          `SupportedLoginProviders key '${key}' is not a public provider (${PUBLIC_PROVIDERS.join(", ")}); ` +
            "list other OpenID Connect providers in OpenIdConnectProviderARNs.",
        );
      }
    }
  },
};
