/**
 * The OAuth 2.0 half of the example: the authorization request (code flow, PKCE S256, state,
 * nonce), the redirect back, and the token request. No DOM: unit-tested in Node.
 */

/** What the page remembers across the trip to the provider (sessionStorage, keyed by state). */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly tokenEndpoint: string;
  readonly redirectUri: string;
  readonly client: string;
  /** The settings query to put back into the address bar. */
  readonly search: string;
}

export const PENDING_KEY_PREFIX = "idpool-example:pending:";

export interface AuthorizeRequest {
  readonly authorizationEndpoint: string;
  readonly client: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly nonce: string;
  readonly challenge: string;
}

/** RFC 6749 §4.1.1 with RFC 7636 §4.3 and OpenID Connect Core §3.1.2.1. */
export function authorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(request.authorizationEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", request.client);
  url.searchParams.set("redirect_uri", request.redirectUri);
  url.searchParams.set("scope", "openid");
  url.searchParams.set("state", request.state);
  url.searchParams.set("nonce", request.nonce);
  url.searchParams.set("code_challenge", request.challenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

export type Callback =
  | { readonly kind: "none" }
  | { readonly kind: "code"; readonly code: string; readonly state: string }
  | { readonly kind: "error"; readonly error: string; readonly description: string; readonly state: string };

/** The provider's answer in the redirect's query (RFC 6749 §4.1.2, §4.1.2.1), if this load is one. */
export function parseCallback(search: string): Callback {
  const query = new URLSearchParams(search);
  const state = query.get("state") ?? "";
  const error = query.get("error");
  if (error !== null) return { kind: "error", error, description: query.get("error_description") ?? "", state };
  const code = query.get("code");
  if (code !== null) return { kind: "code", code, state };
  return { kind: "none" };
}

/** RFC 6749 §4.1.3 for a public client, with the PKCE verifier (RFC 7636 §4.5). */
export function tokenRequestBody(pending: PendingSignIn, code: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: pending.redirectUri,
    client_id: pending.client,
    code_verifier: pending.verifier,
  });
}

/**
 * The claims of a JWT, decoded but not verified: the page only checks that the nonce is its own
 * (OpenID Connect Core §3.1.3.7); idpool checks the signature, issuer, audience and times.
 */
export function unverifiedClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1];
  if (payload === undefined) throw new Error("the ID token is not a JWT");
  const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) {
    throw new Error("the ID token's payload is not a JSON object");
  }
  return claims as Record<string, unknown>;
}
