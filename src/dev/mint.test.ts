import { beforeAll, describe, expect, it } from "vitest";
import { TEST_NOW_MS } from "../../test/support/unit.js";
import { DevInputError } from "./input-error.js";
import {
  answer,
  bodyJson,
  type Harness,
  harness,
  ISSUER,
  parts,
  publishedKids,
  request,
  verifyAgainstJwks,
} from "./test-support.js";

const NOW_SECONDS = TEST_NOW_MS / 1000;

let shared: Harness;
beforeAll(async () => {
  shared = await harness();
});

async function mintError(input: unknown): Promise<DevInputError> {
  const h = shared;
  const error = await h.providers.mint("dev", input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DevInputError);
  return error as DevInputError;
}

describe("mint", () => {
  it("signs RS256 under the current kid with iss, aud, sub, iat, exp and the user's predefined claims", async () => {
    const h = await harness();
    const token = await h.providers.mint("dev", { sub: "alice" });
    const { header, payload } = parts(token);
    expect(header).toEqual({ alg: "RS256", kid: (await publishedKids(h.providers))[0], typ: "JWT" });
    expect(payload).toEqual({
      iss: ISSUER,
      sub: "alice",
      aud: "dev-client",
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 600,
      email: "alice@example.com",
      email_verified: true,
    });
  });

  it("verifies against the published JWKS, with extra claims over the user's and the ttl asked for", async () => {
    const h = await harness();
    const token = await h.providers.mint("dev", {
      sub: "bob",
      claims: { email: "robert@example.com", groups: ["admin"] },
      ttlSeconds: 86_400,
    });
    const { payload, protectedHeader } = await verifyAgainstJwks(h, token);
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.email).toBe("robert@example.com");
    expect(payload.groups).toEqual(["admin"]);
    expect(payload.exp).toBe(NOW_SECONDS + 86_400);
  });

  it("mints for any user, and for another of the provider's client ids", async () => {
    const spec = { name: "corp", clientIds: ["web", "mobile"], users: [] };
    const h = await harness([spec]);
    const { payload } = parts(await h.providers.mint("corp", { sub: "zed", clientId: "mobile" }));
    expect(payload).toEqual({
      iss: "http://127.0.0.1:4600/dev/idp/corp",
      sub: "zed",
      aud: "mobile",
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 600,
    });
  });

  it.each([
    [{}, "sub", "is required"],
    [{ sub: "" }, "sub", "non-empty string"],
    [{ sub: 7 }, "sub", "non-empty string"],
    [{ sub: "a".repeat(256) }, "sub", "at most 255"],
    [{ sub: "a", ttlSeconds: 1.5 }, "ttlSeconds", "an integer from 1 to 86400"],
    [{ sub: "a", ttlSeconds: "600" }, "ttlSeconds", "an integer from 1 to 86400"],
    [{ sub: "a", ttlSeconds: 86_401 }, "ttlSeconds", "an integer from 1 to 86400"],
    [{ sub: "a", ttlSeconds: 0 }, "ttlSeconds", "an integer from 1 to 86400"],
    [{ sub: "a", break: "kid" }, "break", "issuer, signature, unknown-key, audience, azp, expired"],
    [{ sub: "a", clientId: "other" }, "clientId", "dev-client"],
    [{ sub: "a", claims: [] }, "claims", "JSON object"],
    [{ sub: "a", claims: { iss: "x" } }, "claims.iss", "ask for a wrong one with a break rule"],
    [{ sub: "a", claims: { exp: 1 } }, "claims.exp", "come from the provider"],
    [{ sub: "a", claims: { sub: "b" } }, "claims.sub", "its own member"],
    [{ sub: "a", ttl: 5 }, "ttl", "is not a member"],
    [null, "body", "JSON object"],
  ])("refuses %j naming %s", async (input, member, words) => {
    const error = await mintError(input);
    expect(error.member).toBe(member);
    expect(error.message).toContain(words);
  });

  it("answers POST /mint with 200 {id_token} and CORS", async () => {
    const h = await harness();
    const response = await answer(
      h.providers,
      request("POST", "/dev/idp/dev/mint", {
        headers: { "content-type": "application/json" },
        body: '{"sub":"alice"}',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(response.headers["cache-control"]).toBe("no-store");
    const { id_token } = bodyJson(response);
    expect((await verifyAgainstJwks(h, String(id_token))).payload.sub).toBe("alice");
  });

  it.each([
    ['{"ttlSeconds": 600}', "sub"],
    ['{"sub": "a", "ttlSeconds": 60.5}', "ttlSeconds"],
    ['{"sub": "a", "break": "everything"}', "break"],
    ["not json", "body"],
  ])("answers POST /mint %s with a 400 naming %s", async (body, member) => {
    const h = shared;
    const response = await answer(h.providers, request("POST", "/dev/idp/dev/mint", { body }));
    expect(response.status).toBe(400);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    const json = bodyJson(response);
    expect(json.error).toBe("invalid_request");
    expect(json.member).toBe(member);
    expect(String(json.message).startsWith(`${member}: `)).toBe(true);
  });

  it("refuses a provider name it does not have", async () => {
    await expect(shared.providers.mint("prod", { sub: "a" })).rejects.toMatchObject({ member: "name" });
  });
});
