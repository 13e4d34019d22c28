import type { AuthorizationRequest } from "./authorize-request.js";
import type { ProviderContext } from "./context.js";
import { html, page, type SafeHtml } from "./html.js";
import type { DevResponse } from "./http.js";

export interface LoginForm {
  readonly user: string;
  readonly extraClaims: string;
  readonly userError?: string | undefined;
  readonly extraClaimsError?: string | undefined;
}

/** The authorization request travels through the form as hidden fields, and is checked again on submit. */
function hiddenFields(request: AuthorizationRequest): SafeHtml[] {
  const fields: Record<string, string | undefined> = {
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    response_type: request.responseType,
    scope: request.scope,
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
    code_challenge_method: request.codeChallenge === undefined ? undefined : "S256",
  };
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">\n`);
}

/**
 * CSP form-action sources for a redirect to `redirectUri`. CSP host-sources cannot spell an IPv6
 * literal (CSP Level 3 §2.3.1, host-char is letters, digits and "-"), so `[::1]` needs the `http:`
 * scheme-source; the redirect URI itself was checked to be loopback either way.
 */
function formActionSources(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.hostname.startsWith("[") ? "'self' http:" : `'self' ${url.origin}`;
}

function fieldError(id: string, message: string | undefined): SafeHtml {
  return message === undefined ? html`` : html`<p id="${id}" class="error" role="alert">${message}</p>\n`;
}

function describedBy(helpId: string, errorId: string, error: string | undefined): SafeHtml {
  return error === undefined
    ? html`aria-describedby="${helpId}"`
    : html`aria-describedby="${helpId} ${errorId}" aria-invalid="true"`;
}

/** The login page: type or pick a user, edit extra claims, sign in. Plain HTML, no script. */
export function loginPage(
  ctx: ProviderContext,
  request: AuthorizationRequest,
  form: LoginForm,
  status = 200,
): DevResponse {
  const { users } = ctx.spec;
  const options = users.map(
    (u) => html`<option value="${u.sub}">${u.claims?.email === undefined ? u.sub : String(u.claims.email)}</option>`,
  );
  const rows = users.map(
    (u) => html`<tr><td><code>${u.sub}</code></td><td><pre>${JSON.stringify(u.claims ?? {})}</pre></td></tr>\n`,
  );
  const flow = request.responseType === "code" ? "an authorization code" : "an ID token";
  const body = html`<h1>Sign in to test provider <code>${ctx.spec.name}</code></h1>
<p class="help">idpool's built-in test OpenID provider: no passwords, any user. Signing in to client
<code>${request.clientId}</code>, which gets ${flow} at <code>${request.redirectUri}</code>.</p>
<form method="post" action="${ctx.basePath}/authorize">
${hiddenFields(request)}<label for="user">User</label>
<input id="user" name="user" list="users" value="${form.user}" required autocomplete="off" spellcheck="false" ${describedBy("user-help", "user-error", form.userError)}>
<datalist id="users">${options}</datalist>
<p id="user-help" class="help">The token's <code>sub</code>: pick a predefined user or type any name.</p>
${fieldError("user-error", form.userError)}<label for="extra_claims">Extra claims (JSON)</label>
<textarea id="extra_claims" name="extra_claims" rows="6" spellcheck="false" ${describedBy("claims-help", "claims-error", form.extraClaimsError)}>${form.extraClaims}</textarea>
<p id="claims-help" class="help">A JSON object added to the ID token and userinfo over the user's own claims, e.g. <code>{"groups": ["admin"]}</code>.</p>
${fieldError("claims-error", form.extraClaimsError)}<button type="submit">Sign in</button>
</form>
${users.length === 0 ? html`` : html`<h2>Predefined users</h2>\n<table><tr><th>User</th><th>Claims</th></tr>\n${rows}</table>`}`;
  return page(
    status,
    `Sign in · ${ctx.spec.name} (idpool test provider)`,
    body,
    formActionSources(request.redirectUri),
  );
}
