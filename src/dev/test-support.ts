/**
 * Test support (not used by the service): test providers over an in-memory store with a manual
 * clock, requests shaped the way the server hands them over, and the JWKS as a jose key set.
 */
import { createHash } from "node:crypto";
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyResult, jwtVerify } from "jose";
import { countingIds, fixedClock, memoryStore, silentLogger } from "../../test/support/unit.js";
import type { ManualClock } from "../shared/index.js";
import type { Store } from "../store/index.js";
import type { DevRequest, DevResponse } from "./http.js";
import { TestProviders } from "./providers.js";
import { DEFAULT_TEST_PROVIDER, type TestProviderSpec } from "./spec.js";

export const BASE_URL = "http://127.0.0.1:4600";
export const ISSUER = `${BASE_URL}/dev/idp/dev`;

export interface Harness {
  readonly providers: TestProviders;
  readonly store: Store;
  readonly clock: ManualClock;
}

export async function harness(
  specs: readonly TestProviderSpec[] = [DEFAULT_TEST_PROVIDER],
  store?: Store,
  clock: ManualClock = fixedClock(),
): Promise<Harness> {
  const theStore = store ?? (await memoryStore());
  const providers = new TestProviders(
    { store: theStore, clock, ids: countingIds(), log: silentLogger, baseUrl: () => BASE_URL },
    specs,
  );
  await providers.start();
  return { providers, store: theStore, clock };
}

export function request(
  method: string,
  path: string,
  options: { query?: Record<string, string>; headers?: Record<string, string>; body?: string | Buffer } = {},
): DevRequest {
  return {
    method,
    path,
    query: new URLSearchParams(options.query ?? {}),
    headers: options.headers ?? {},
    body: Buffer.from(options.body ?? ""),
  };
}

export function form(values: Record<string, string>): { headers: Record<string, string>; body: string } {
  return {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(values).toString(),
  };
}

/** handle's answer, which the test expects to exist. */
export async function answer(providers: TestProviders, req: DevRequest): Promise<DevResponse> {
  const response = await providers.handle(req);
  if (!response) throw new Error(`no route answered ${req.method} ${req.path}`);
  return response;
}

export function bodyJson(response: DevResponse): Record<string, unknown> {
  return JSON.parse(response.body.toString()) as Record<string, unknown>;
}

export async function publishedJwks(providers: TestProviders, name = "dev"): Promise<JSONWebKeySet> {
  const response = await answer(providers, request("GET", `/dev/idp/${name}/jwks`));
  return JSON.parse(response.body.toString()) as JSONWebKeySet;
}

export async function publishedKids(providers: TestProviders, name = "dev"): Promise<string[]> {
  return (await publishedJwks(providers, name)).keys.map((k) => k.kid ?? "");
}

/** Verifies `token` against the provider's JWKS as a relying party would, at the harness clock's time. */
export async function verifyAgainstJwks(h: Harness, token: string, audience = "dev-client"): Promise<JWTVerifyResult> {
  return jwtVerify(token, createLocalJWKSet(await publishedJwks(h.providers)), {
    issuer: ISSUER,
    audience,
    algorithms: ["RS256"],
    currentDate: new Date(h.clock.nowMs()),
  });
}

/** The three parts of a compact JWS, the first two decoded. */
export function parts(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signature: string;
} {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const decode = (s: string) => JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Record<string, unknown>;
  return { header: decode(header), payload: decode(payload), signature };
}

/** A PKCE pair (RFC 7636 §4.1, §4.2): a 43-character verifier and its S256 challenge. */
export function pkcePair(seed = "a"): { verifier: string; challenge: string } {
  const verifier = seed.repeat(43).slice(0, 43);
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export const REDIRECT_URI = "http://localhost:3000/callback";

/** The authorization request parameters of the code flow, with any of them replaced. */
export function codeRequest(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    client_id: "dev-client",
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid email",
    state: "s-1",
    code_challenge: pkcePair().challenge,
    code_challenge_method: "S256",
    ...overrides,
  };
}

/** Submits the login form; returns the redirect's Location. */
export async function submitLogin(providers: TestProviders, fields: Record<string, string>): Promise<string> {
  const response = await answer(providers, request("POST", "/dev/idp/dev/authorize", form(fields)));
  if (response.status !== 303) throw new Error(`login answered ${response.status}: ${String(response.body)}`);
  return response.headers.location ?? "";
}

/** Signs in through the login form and returns the code from the redirect. */
export async function codeFor(providers: TestProviders, fields: Record<string, string> = {}): Promise<string> {
  const location = new URL(await submitLogin(providers, { ...codeRequest(), user: "alice", ...fields }));
  return location.searchParams.get("code") ?? "";
}

/** POST /token for `code`, the default verifier, client and redirect URI unless replaced. */
export function redeem(
  providers: TestProviders,
  code: string,
  overrides: Record<string, string> = {},
): Promise<DevResponse> {
  const fields = {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    client_id: "dev-client",
    code_verifier: pkcePair().verifier,
    ...overrides,
  };
  return answer(providers, request("POST", "/dev/idp/dev/token", form(fields)));
}
