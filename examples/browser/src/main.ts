/**
 * The browser example: sign in with idpool's built-in test OpenID provider (authorization code
 * with PKCE S256), then trade the ID token for an identity id and temporary credentials with the
 * AWS SDK for JavaScript v3: Cognito Identity GetId and GetCredentialsForIdentity. Bundled by
 * build.mjs into dist/app.js; it fetches nothing but idpool.
 */
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from "@aws-sdk/client-cognito-identity";
import { ConfigError, type ExampleConfig, loginsKey, readConfig } from "./config.js";
import {
  authorizeUrl,
  PENDING_KEY_PREFIX,
  type PendingSignIn,
  parseCallback,
  tokenRequestBody,
  unverifiedClaims,
} from "./oauth.js";
import { codeChallenge, randomToken } from "./pkce.js";

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id}`);
  return found;
}

const ui = {
  signIn: element("sign-in", HTMLButtonElement),
  status: element("status", HTMLElement),
  error: element("error", HTMLElement),
  result: element("result", HTMLElement),
  resultHeading: element("result-heading", HTMLElement),
  identityId: element("identity-id", HTMLOutputElement),
  accessKeyId: element("access-key-id", HTMLOutputElement),
  expiration: element("expiration", HTMLTimeElement),
  expiresIn: element("expires-in", HTMLElement),
  settings: element("settings", HTMLFormElement),
};

function status(text: string): void {
  ui.status.textContent = text;
}

/** An error on the page: what failed, and a hint when the browser hides the cause (network, CORS). */
function showError(what: string, error: unknown, config?: ExampleConfig): void {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`${what}: ${name === "Error" ? "" : `${name}: `}${message}`];
  if (error instanceof TypeError && config) {
    lines.push(`Is idpool dev running at ${config.endpoint}, and does it answer this origin (CORS)?`);
  }
  ui.error.replaceChildren(...lines.map((line) => Object.assign(document.createElement("p"), { textContent: line })));
  ui.error.hidden = false;
  status("");
}

function showSettings(config: ExampleConfig): void {
  const values: Record<string, string> = {
    "setting-endpoint": config.endpoint,
    "setting-pool": config.pool,
    "setting-logins-key": loginsKey(config.issuer),
    "setting-client": config.client,
    "setting-redirect-uri": config.redirectUri,
  };
  for (const [id, value] of Object.entries(values)) element(id, HTMLElement).textContent = value;
  const inputs: Record<string, string> = {
    endpoint: config.endpoint,
    pool: config.pool,
    provider: config.provider,
    client: config.client,
  };
  for (const [name, value] of Object.entries(inputs)) {
    const input = ui.settings.elements.namedItem(name);
    if (input instanceof HTMLInputElement) input.value = value;
  }
}

async function getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, credentials: "omit", cache: "no-store" });
  const body: unknown = await response.json().catch(() => undefined);
  const json = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (!response.ok) {
    const reason = typeof json.error_description === "string" ? json.error_description : response.statusText;
    throw new Error(
      `${url} answered ${response.status}${typeof json.error === "string" ? ` ${json.error}` : ""}: ${reason}`,
    );
  }
  return json;
}

function stringMember(json: Record<string, unknown>, name: string, from: string): string {
  const value = json[name];
  if (typeof value !== "string" || value === "") throw new Error(`${from} has no ${name}`);
  return value;
}

/** Off to the provider: discovery, then the authorization request with a fresh verifier, state and nonce. */
async function signIn(config: ExampleConfig): Promise<void> {
  ui.signIn.disabled = true;
  ui.error.hidden = true;
  status("Reading the test provider's OpenID configuration…");
  const discoveryUrl = `${config.issuer}/.well-known/openid-configuration`;
  const discovery = await getJson(discoveryUrl);
  const pending: PendingSignIn = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    tokenEndpoint: stringMember(discovery, "token_endpoint", discoveryUrl),
    redirectUri: config.redirectUri,
    client: config.client,
    search: config.search,
  };
  const url = authorizeUrl({
    authorizationEndpoint: stringMember(discovery, "authorization_endpoint", discoveryUrl),
    client: config.client,
    redirectUri: config.redirectUri,
    state: pending.state,
    nonce: pending.nonce,
    challenge: await codeChallenge(pending.verifier),
  });
  sessionStorage.setItem(PENDING_KEY_PREFIX + pending.state, JSON.stringify(pending));
  status("Going to the test provider's sign-in page…");
  location.assign(url);
}

/** Back from the provider: the pending sign-in its state names, taken once. */
function takePending(state: string): PendingSignIn {
  const key = PENDING_KEY_PREFIX + state;
  const saved = state === "" ? null : sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  if (saved === null) {
    throw new Error("this page did not start that sign-in (unknown or reused state); sign in again");
  }
  return JSON.parse(saved) as PendingSignIn;
}

async function finishSignIn(config: ExampleConfig, code: string, pending: PendingSignIn): Promise<void> {
  status("Exchanging the code at the token endpoint…");
  const tokens = await getJson(pending.tokenEndpoint, { method: "POST", body: tokenRequestBody(pending, code) });
  const idToken = stringMember(tokens, "id_token", "the token response");
  if (unverifiedClaims(idToken).nonce !== pending.nonce) throw new Error("the ID token's nonce is not this sign-in's");

  const cognito = new CognitoIdentityClient({ region: config.region, endpoint: config.endpoint });
  const logins = { [loginsKey(config.issuer)]: idToken };
  try {
    status("Calling GetId…");
    const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: config.pool, Logins: logins }));
    if (IdentityId === undefined) throw new Error("GetId returned no IdentityId");
    status("Calling GetCredentialsForIdentity…");
    const { Credentials } = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const expiration = Credentials?.Expiration;
    if (Credentials?.AccessKeyId === undefined || expiration === undefined) {
      throw new Error("GetCredentialsForIdentity returned no credentials");
    }
    ui.identityId.value = IdentityId;
    ui.accessKeyId.value = Credentials.AccessKeyId;
    ui.expiration.dateTime = expiration.toISOString();
    ui.expiration.textContent = expiration.toLocaleString();
    ui.expiresIn.textContent = `(in ${Math.round((expiration.getTime() - Date.now()) / 60_000)} minutes)`;
    ui.result.hidden = false;
    status("Signed in.");
    ui.resultHeading.focus();
  } finally {
    cognito.destroy();
  }
}

/** The provider's redirect back: its pending sign-in (or why there is none), with the address bar restored. */
function takeCallback(): { pending: PendingSignIn; code: string } | { problem: Error } | undefined {
  const callback = parseCallback(location.search);
  if (callback.kind === "none") return undefined;
  // The code and state leave the address bar (and the history) before anything else happens; the
  // settings the sign-in started with come back.
  let pending: PendingSignIn;
  try {
    pending = takePending(callback.state);
  } catch (error) {
    history.replaceState(null, "", location.pathname);
    const problem = error instanceof Error ? error : new Error(String(error));
    if (callback.kind !== "error") return { problem };
    return { problem: new Error(`the test provider answered ${callback.error}: ${callback.description}`) };
  }
  history.replaceState(null, "", pending.redirectUri + pending.search);
  if (callback.kind === "error") {
    const description = callback.description === "" ? "" : `: ${callback.description}`;
    return { problem: new Error(`the test provider answered ${callback.error}${description}`) };
  }
  return { pending, code: callback.code };
}

async function start(): Promise<void> {
  const callback = takeCallback();
  let config: ExampleConfig;
  try {
    config = readConfig(location.href);
  } catch (error) {
    showError(error instanceof ConfigError ? "These settings cannot work" : "Reading the settings failed", error);
    return;
  }
  showSettings(config);
  ui.signIn.addEventListener("click", () => {
    signIn(config).catch((error: unknown) => {
      ui.signIn.disabled = false;
      showError("Starting the sign-in failed", error, config);
    });
  });
  try {
    if (callback === undefined) return;
    if ("problem" in callback) throw callback.problem;
    await finishSignIn(config, callback.code, callback.pending);
  } catch (error) {
    showError("The sign-in failed", error, config);
  } finally {
    ui.signIn.disabled = false;
  }
}

start().catch((error: unknown) => showError("The example failed to start", error));
