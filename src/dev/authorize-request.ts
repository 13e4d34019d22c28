import { type Params, RepeatedParameter } from "./http.js";
import { isPkceText } from "./pkce.js";
import { redirectUriProblem } from "./redirect-uri.js";

export type ResponseType = "code" | "id_token";

/** An authorization request (OpenID Connect Core §3.1.2.1, §3.2.2.1), checked. */
export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly responseType: ResponseType;
  readonly scope: string;
  readonly state?: string | undefined;
  readonly nonce?: string | undefined;
  readonly codeChallenge?: string | undefined;
  readonly loginHint?: string | undefined;
}

/** Where an authorization response goes: the query for code, the fragment for tokens (OAuth 2.0 Multiple Response Types §2.1, §5). */
export function responseMode(responseType: ResponseType): "query" | "fragment" {
  return responseType === "code" ? "query" : "fragment";
}

export type Checked =
  | { readonly kind: "ok"; readonly request: AuthorizationRequest }
  /** client_id or redirect_uri is wrong: tell the user, never redirect (RFC 6749 §4.1.2.1, §10.15). */
  | { readonly kind: "refuse"; readonly message: string }
  /** Anything else: the error goes back to the client at its redirect URI (RFC 6749 §4.1.2.1). */
  | {
      readonly kind: "error";
      readonly redirectUri: string;
      readonly mode: "query" | "fragment";
      readonly state: string | undefined;
      readonly error: string;
      readonly description: string;
    };

function client(params: Params, clientIds: readonly string[]): Checked | { clientId: string; redirectUri: string } {
  const clientId = params.get("client_id");
  if (clientId === undefined) return { kind: "refuse", message: "The request has no client_id." };
  if (!clientIds.includes(clientId)) {
    return {
      kind: "refuse",
      message: `client_id ${clientId} is not a client of this provider (its clients: ${clientIds.join(", ")}).`,
    };
  }
  const redirectUri = params.get("redirect_uri");
  if (redirectUri === undefined) return { kind: "refuse", message: "The request has no redirect_uri." };
  const problem = redirectUriProblem(redirectUri);
  if (problem) return { kind: "refuse", message: `redirect_uri ${redirectUri} ${problem}.` };
  return { clientId, redirectUri };
}

/** Checks the request in the order RFC 6749 §4.1.2.1 needs: client and redirect URI first. */
export function checkAuthorizationRequest(params: Params, clientIds: readonly string[]): Checked {
  let checkedClient: ReturnType<typeof client>;
  try {
    checkedClient = client(params, clientIds);
  } catch (error) {
    if (error instanceof RepeatedParameter) return { kind: "refuse", message: `${error.message}.` };
    throw error;
  }
  if ("kind" in checkedClient) return checkedClient;
  const { clientId, redirectUri } = checkedClient;
  let state: string | undefined;
  let mode: "query" | "fragment" = "query";
  const fail = (error: string, description: string): Checked => ({
    kind: "error",
    redirectUri,
    mode,
    state,
    error,
    description,
  });
  try {
    state = params.get("state");
    const responseType = params.get("response_type");
    if (responseType !== "code" && responseType !== "id_token") {
      return fail("unsupported_response_type", "response_type must be code (with PKCE) or id_token");
    }
    mode = responseMode(responseType);
    const askedMode = params.get("response_mode");
    if (askedMode !== undefined && askedMode !== mode) {
      return fail("invalid_request", `response_mode for response_type ${responseType} can only be ${mode}`);
    }
    const scope = params.get("scope") ?? "";
    // OpenID Connect Core §3.1.2.1: without the openid scope it is not an OpenID request at all.
    if (!scope.split(" ").includes("openid")) return fail("invalid_scope", "scope must include openid");
    // §3.1.2.6: no session to reuse, so a login without a page cannot succeed.
    if (params.get("prompt")?.split(" ").includes("none"))
      return fail("login_required", "this provider always shows its login page");
    const nonce = params.get("nonce");
    // §3.2.2.1: the nonce is required when the ID token comes straight from the authorization endpoint.
    if (responseType === "id_token" && nonce === undefined)
      return fail("invalid_request", "nonce is required for response_type id_token");
    const codeChallenge = params.get("code_challenge");
    if (responseType === "code") {
      // PKCE (RFC 7636) is required, and only S256: `plain` (§4.2) protects nothing against a stolen request.
      if (codeChallenge === undefined) return fail("invalid_request", "code_challenge is required (PKCE, RFC 7636)");
      if (params.get("code_challenge_method") !== "S256")
        return fail("invalid_request", "code_challenge_method must be S256");
      if (!isPkceText(codeChallenge))
        return fail(
          "invalid_request",
          "code_challenge must be 43 to 128 characters of [A-Za-z0-9._~-] (RFC 7636 §4.2)",
        );
    }
    const loginHint = params.get("login_hint");
    return {
      kind: "ok",
      request: { clientId, redirectUri, responseType, scope, state, nonce, codeChallenge, loginHint },
    };
  } catch (error) {
    if (error instanceof RepeatedParameter) return fail("invalid_request", error.message);
    throw error;
  }
}

/**
 * The redirect carrying an authorization response. Parameters are appended to the redirect URI as
 * given, so a query it already has is kept as it was (RFC 6749 §3.1.2); it has no fragment
 * (redirect-uri.ts).
 */
export function authorizationResponseUrl(
  redirectUri: string,
  mode: "query" | "fragment",
  values: Readonly<Record<string, string | undefined>>,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) params.set(name, value);
  if (mode === "fragment") return `${redirectUri}#${params}`;
  return `${redirectUri}${redirectUri.includes("?") ? "&" : "?"}${params}`;
}
