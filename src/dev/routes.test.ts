import { beforeAll, describe, expect, it } from "vitest";
import { answer, bodyJson, type Harness, harness, ISSUER, request } from "./test-support.js";

let h: Harness;
beforeAll(async () => {
  h = await harness([
    { name: "dev", clientIds: ["dev-client"], users: [] },
    { name: "corp", clientIds: ["web"], users: [] },
  ]);
});

describe("test provider routes", () => {
  it("names its providers, their issuers and client ids", () => {
    expect(h.providers.names()).toEqual(["dev", "corp"]);
    expect(h.providers.issuer("corp")).toBe("http://127.0.0.1:4600/dev/idp/corp");
    expect(h.providers.clientIds("corp")).toEqual(["web"]);
  });

  it("serves discovery with every endpoint under the issuer", async () => {
    const response = await answer(h.providers, request("GET", "/dev/idp/dev/.well-known/openid-configuration"));
    expect(response.status).toBe(200);
    expect(response.headers["access-control-allow-origin"]).toBe("*");
    expect(bodyJson(response)).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      userinfo_endpoint: `${ISSUER}/userinfo`,
      jwks_uri: `${ISSUER}/jwks`,
      response_types_supported: ["code", "id_token"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
    });
  });

  it("keeps each provider's keys apart", async () => {
    const dev = bodyJson(await answer(h.providers, request("GET", "/dev/idp/dev/jwks"))).keys as { kid: string }[];
    const corp = bodyJson(await answer(h.providers, request("GET", "/dev/idp/corp/jwks"))).keys as { kid: string }[];
    expect(dev.map((k) => k.kid)).toEqual([expect.stringMatching(/^dev-1-/)]);
    expect(corp.map((k) => k.kid)).toEqual([expect.stringMatching(/^corp-1-/)]);
  });

  it.each([
    "/dev/idp/prod/jwks",
    "/dev/idp/dev",
    "/dev/idp/dev/",
    "/dev/idp/dev/jwks/",
    "/dev/idp/dev/nothing",
    "/dev/idp/__proto__/jwks",
    "/dev/idp/dev/__proto__",
    "/healthz",
  ])("leaves %s to the server (undefined)", async (path) => {
    expect(await h.providers.handle(request("GET", path))).toBeUndefined();
  });

  it.each(["token", "userinfo", "mint", "jwks", ".well-known/openid-configuration"])(
    "answers a CORS preflight on %s",
    async (route) => {
      const response = await answer(h.providers, request("OPTIONS", `/dev/idp/dev/${route}`));
      expect(response.status).toBe(204);
      expect(response.headers["access-control-allow-origin"]).toBe("*");
      expect(response.headers["access-control-allow-headers"]).toBe("authorization, content-type");
    },
  );

  it("answers a wrong method with 405 and Allow", async () => {
    const response = await answer(h.providers, request("GET", "/dev/idp/dev/token"));
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe("POST, OPTIONS");
    expect((await answer(h.providers, request("DELETE", "/dev/idp/dev/authorize"))).headers.allow).toBe(
      "GET, POST, OPTIONS",
    );
  });

  it("gives the authorization endpoint no CORS (a browser navigates to it)", async () => {
    const response = await answer(h.providers, request("OPTIONS", "/dev/idp/dev/authorize"));
    expect(response.status).toBe(405);
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
