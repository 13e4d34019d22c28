/**
 * The test provider over real HTTP: a bare node:http server that forwards everything to
 * `TestProviders.handle`, as `idpool dev` does, and clients that only speak HTTP (fetch, and jose's
 * remote JWKS as a relying party uses it).
 */
import { createHash } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "./dev-server.js";

let dev: DevServer;
let base = "";
let issuer = "";
let discovery: Record<string, string>;

beforeAll(async () => {
  dev = await startDevServer([
    { name: "dev", clientIds: ["dev-client"], users: [{ sub: "alice", claims: { email: "alice@example.com" } }] },
  ]);
  base = dev.base;
  issuer = `${base}/dev/idp/dev`;
  discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
});

afterAll(() => dev.stop());

const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; // RFC 7636 Appendix B
const challenge = createHash("sha256").update(verifier).digest("base64url");
const redirectUri = "http://localhost:3000/callback";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The login page's form: its action and hidden fields, read back as a browser would. */
function readForm(html: string): { action: string; fields: Record<string, string> } {
  const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1] ?? ""] = decode(m[2] ?? "");
  }
  return { action: decode(action), fields };
}

/** GET the authorization endpoint, submit the login form, and answer the redirect's Location. */
async function signIn(params: Record<string, string>, login: Record<string, string>): Promise<URL> {
  const page = await fetch(`${discovery.authorization_endpoint}?${new URLSearchParams(params)}`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  const { action, fields } = readForm(await page.text());
  const submitted = await fetch(new URL(action, base), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, ...login }),
    redirect: "manual",
  });
  expect(submitted.status).toBe(303);
  return new URL(submitted.headers.get("location") ?? "");
}

function postToken(code: string, codeVerifier: string): Promise<Response> {
  return fetch(discovery.token_endpoint ?? "", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      client_id: "dev-client",
      code_verifier: codeVerifier,
    }),
  });
}

const codeParams = {
  client_id: "dev-client",
  redirect_uri: redirectUri,
  response_type: "code",
  scope: "openid email",
  state: "xyz",
  code_challenge: challenge,
  code_challenge_method: "S256",
};

describe("the test provider over HTTP", () => {
  it("publishes discovery and a JWKS that verifies a minted token (jose's remote key set)", async () => {
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.jwks_uri).toBe(`${issuer}/jwks`);
    const minted = await fetch(`${issuer}/mint`, {
      method: "POST",
      body: JSON.stringify({ sub: "alice", claims: { role: "tester" } }),
    });
    expect(minted.status).toBe(200);
    const { id_token } = (await minted.json()) as { id_token: string };
    const { payload } = await jwtVerify(id_token, createRemoteJWKSet(new URL(discovery.jwks_uri ?? "")), {
      issuer,
      audience: "dev-client",
    });
    expect(payload).toMatchObject({ sub: "alice", email: "alice@example.com", role: "tester" });
  });

  it("answers bad mint input with a 400 naming the member", async () => {
    const response = await fetch(`${issuer}/mint`, {
      method: "POST",
      body: JSON.stringify({ sub: "a", ttlSeconds: 1.5 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", member: "ttlSeconds" });
  });

  it("runs the code flow with PKCE: login page, code, token, userinfo; a wrong verifier and a reused code are refused", async () => {
    const first = await signIn(codeParams, { user: "alice", extra_claims: '{"groups": ["admin"]}' });
    expect(first.origin + first.pathname).toBe(redirectUri);
    expect(first.searchParams.get("state")).toBe("xyz");
    const wrong = await postToken(first.searchParams.get("code") ?? "", `${verifier.slice(0, -1)}A`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe("invalid_grant");

    const code =
      (await signIn(codeParams, { user: "alice", extra_claims: '{"groups": ["admin"]}' })).searchParams.get("code") ??
      "";
    const tokens = await postToken(code, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await tokens.json()) as { id_token: string; access_token: string; token_type: string };
    expect(body.token_type).toBe("Bearer");
    const { payload } = await jwtVerify(body.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri ?? "")), {
      issuer,
      audience: "dev-client",
    });
    expect(payload).toMatchObject({ sub: "alice", email: "alice@example.com", groups: ["admin"] });

    const reused = await postToken(code, verifier);
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { error: string }).error).toBe("invalid_grant");

    const info = await fetch(discovery.userinfo_endpoint ?? "", {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(await info.json()).toEqual({ sub: "alice", email: "alice@example.com", groups: ["admin"] });
  });

  it("runs the id_token flow with a nonce, for single-page apps", async () => {
    const params = {
      client_id: "dev-client",
      redirect_uri: redirectUri,
      response_type: "id_token",
      scope: "openid",
      state: "spa",
      nonce: "n-42",
    };
    const location = await signIn(params, { user: "zoe" });
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("state")).toBe("spa");
    const { payload } = await jwtVerify(
      fragment.get("id_token") ?? "",
      createRemoteJWKSet(new URL(discovery.jwks_uri ?? "")),
      { issuer, audience: "dev-client" },
    );
    expect(payload).toMatchObject({ sub: "zoe", nonce: "n-42" });
  });

  it("refuses a redirect URI off the machine with a 400 page and no redirect", async () => {
    const response = await fetch(
      `${discovery.authorization_endpoint}?${new URLSearchParams({ ...codeParams, redirect_uri: "https://evil.example/cb" })}`,
      { redirect: "manual" },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("must be a loopback URL");
  });

  it("after a rotation a relying party verifies old and new tokens, fetching the JWKS again for the new kid", async () => {
    const keys = createRemoteJWKSet(new URL(discovery.jwks_uri ?? ""), { cooldownDuration: 0 });
    const mintToken = async () => dev.providers.mint("dev", { sub: "alice" });
    const before = await mintToken();
    const oldKid = (await jwtVerify(before, keys, { issuer })).protectedHeader.kid;
    const newKid = await dev.providers.rotateKey("dev");
    const after = await mintToken();
    expect((await jwtVerify(after, keys, { issuer })).protectedHeader.kid).toBe(newKid);
    expect((await jwtVerify(before, keys, { issuer })).protectedHeader.kid).toBe(oldKid);
    expect(newKid).not.toBe(oldKid);
  });

  it("answers a CORS preflight for the token endpoint", async () => {
    const response = await fetch(discovery.token_endpoint ?? "", {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
  });
});
