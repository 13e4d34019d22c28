import { beforeAll, describe, expect, it } from "vitest";
import { CODE_TTL_MS } from "./grants.js";
import {
  answer,
  bodyJson,
  codeFor,
  codeRequest,
  form,
  type Harness,
  harness,
  pkcePair,
  redeem,
  request,
  verifyAgainstJwks,
} from "./test-support.js";

let h: Harness;
beforeAll(async () => {
  h = await harness([
    {
      name: "dev",
      clientIds: ["dev-client", "other-client"],
      users: [{ sub: "alice", claims: { email: "alice@example.com" } }],
    },
    { name: "corp", clientIds: ["dev-client"], users: [] },
  ]);
});

function expectTokenError(
  response: { status: number; body: string | Buffer },
  error: string,
  words: string,
  status = 400,
): void {
  expect(response.status).toBe(status);
  const json = JSON.parse(String(response.body)) as Record<string, unknown>;
  expect(json.error).toBe(error);
  expect(json.error_description).toContain(words);
}

describe("the token endpoint", () => {
  it("exchanges a code and its verifier for an ID token and an access token", async () => {
    const code = await codeFor(h.providers, { nonce: "abc", extra_claims: '{"groups": ["admin"]}' });
    const response = await redeem(h.providers, code);
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      "cache-control": "no-store",
      pragma: "no-cache",
      "access-control-allow-origin": "*",
    });
    const json = bodyJson(response);
    expect(json).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "openid" });
    expect(json.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { payload } = await verifyAgainstJwks(h, String(json.id_token));
    expect(payload).toMatchObject({
      sub: "alice",
      aud: "dev-client",
      nonce: "abc",
      email: "alice@example.com",
      groups: ["admin"],
    });
  });

  it("takes the code at the first attempt: a wrong verifier loses it", async () => {
    const code = await codeFor(h.providers);
    expectTokenError(
      await redeem(h.providers, code, { code_verifier: pkcePair("b").verifier }),
      "invalid_grant",
      "does not match",
    );
    expectTokenError(await redeem(h.providers, code), "invalid_grant", "already used");
  });

  it("refuses a code used twice", async () => {
    const code = await codeFor(h.providers);
    expect((await redeem(h.providers, code)).status).toBe(200);
    expectTokenError(await redeem(h.providers, code), "invalid_grant", "already used");
  });

  it("refuses a code older than 60 s", async () => {
    const code = await codeFor(h.providers);
    h.clock.advanceMs(CODE_TTL_MS);
    expectTokenError(await redeem(h.providers, code), "invalid_grant", "expired");
  });

  it.each([
    [{ redirect_uri: "http://localhost:3000/other" }, "invalid_grant", "redirect_uri differs"],
    [{ client_id: "other-client" }, "invalid_grant", "issued to another client"],
    [{ code_verifier: "" }, "invalid_request", "code_verifier is required"],
    [{ code_verifier: "x".repeat(42) }, "invalid_grant", "does not match"],
    [{ grant_type: "client_credentials" }, "unsupported_grant_type", "authorization_code"],
    [{ client_id: "" }, "invalid_request", "client_id is required"],
  ])("refuses %j", async (overrides, error, words) => {
    expectTokenError(await redeem(h.providers, await codeFor(h.providers), overrides), error, words);
  });

  it("refuses an unknown client with 401 invalid_client", async () => {
    expectTokenError(await redeem(h.providers, "x", { client_id: "nobody" }), "invalid_client", "not a client", 401);
  });

  it("takes the client id from HTTP Basic (RFC 6749 §2.3.1), not checking the secret", async () => {
    const code = await codeFor(h.providers);
    const fields = {
      grant_type: "authorization_code",
      code,
      redirect_uri: codeRequest().redirect_uri ?? "",
      code_verifier: pkcePair().verifier,
    };
    const { headers, body } = form(fields);
    const basic = `Basic ${Buffer.from("dev-client:anything").toString("base64")}`;
    const response = await answer(
      h.providers,
      request("POST", "/dev/idp/dev/token", { headers: { ...headers, authorization: basic }, body }),
    );
    expect(response.status).toBe(200);
  });

  it("refuses a code at another provider", async () => {
    const code = await codeFor(h.providers);
    const { headers, body } = form({
      grant_type: "authorization_code",
      code,
      redirect_uri: codeRequest().redirect_uri ?? "",
      client_id: "dev-client",
      code_verifier: pkcePair().verifier,
    });
    expectTokenError(
      await answer(h.providers, request("POST", "/dev/idp/corp/token", { headers, body })),
      "invalid_grant",
      "unknown",
    );
  });

  it("refuses a JSON body and a repeated parameter", async () => {
    const json = request("POST", "/dev/idp/dev/token", { headers: { "content-type": "application/json" }, body: "{}" });
    expectTokenError(await answer(h.providers, json), "invalid_request", "application/x-www-form-urlencoded");
    const repeated = request("POST", "/dev/idp/dev/token", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code&client_id=dev-client&code=a&code=b",
    });
    expectTokenError(await answer(h.providers, repeated), "invalid_request", "code is given more than once");
    const twoClients = request("POST", "/dev/idp/dev/token", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code&client_id=a&client_id=b",
    });
    expectTokenError(await answer(h.providers, twoClients), "invalid_request", "client_id is given more than once");
  });
});

describe("userinfo", () => {
  async function accessToken(): Promise<string> {
    const response = await redeem(h.providers, await codeFor(h.providers, { extra_claims: '{"team": "blue"}' }));
    return String(bodyJson(response).access_token);
  }
  const userinfo = (method: string, authorization?: string, path = "/dev/idp/dev/userinfo") =>
    answer(h.providers, request(method, path, authorization === undefined ? {} : { headers: { authorization } }));

  it("answers the user's claims for the access token, by GET and POST", async () => {
    const token = await accessToken();
    for (const method of ["GET", "POST"]) {
      const response = await userinfo(method, `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(bodyJson(response)).toEqual({ sub: "alice", email: "alice@example.com", team: "blue" });
    }
  });

  it("challenges a request without a token, and refuses an unknown, foreign or expired one", async () => {
    const none = await userinfo("GET");
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toBe("Bearer");
    const unknown = await userinfo("GET", "Bearer nope");
    expect(unknown.headers["www-authenticate"]).toContain('error="invalid_token"');
    const token = await accessToken();
    expect((await userinfo("GET", `Bearer ${token}`, "/dev/idp/corp/userinfo")).status).toBe(401);
    h.clock.advanceMs(600_000);
    expect((await userinfo("GET", `Bearer ${token}`)).status).toBe(401);
  });
});
