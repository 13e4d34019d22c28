import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_ENDPOINT, DEV_POOL, loginsKey, readConfig } from "../../examples/browser/src/config.js";
import { authorizeUrl, parseCallback, tokenRequestBody, unverifiedClaims } from "../../examples/browser/src/oauth.js";
import { base64url, codeChallenge, randomToken } from "../../examples/browser/src/pkce.js";

/** The browser example's own code that needs no DOM: PKCE, its settings and the OAuth messages. */
describe("examples/browser PKCE", () => {
  it("derives RFC 7636 Appendix B's challenge from its verifier", async () => {
    expect(await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("encodes base64url without padding, as RFC 7636 Appendix A does", () => {
    // Appendix B's 32 octets give Appendix B's verifier.
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240,
      91, 88, 5, 88, 83, 132, 141, 121,
    ];
    expect(base64url(Uint8Array.from(octets))).toBe("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    expect(base64url(Uint8Array.from([0xfb, 0xff]))).toBe("-_8");
  });

  it("makes 43-character random verifiers that differ and refuses a verifier RFC 7636 §4.1 forbids", async () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    await expect(codeChallenge("too-short")).rejects.toThrow(/43 to 128/);
    await expect(codeChallenge(`${"a".repeat(43)}+`)).rejects.toThrow(/43 to 128/);
  });
});

describe("examples/browser settings", () => {
  it("defaults to the page's own origin when idpool dev serves it at /dev/example/", () => {
    const config = readConfig("http://127.0.0.1:4600/dev/example/");
    expect(config).toEqual({
      endpoint: "http://127.0.0.1:4600",
      pool: DEV_POOL,
      region: "us-east-1",
      provider: "dev",
      client: "dev-client",
      issuer: "http://127.0.0.1:4600/dev/idp/dev",
      redirectUri: "http://127.0.0.1:4600/dev/example/",
      search: "",
    });
    expect(loginsKey(config.issuer)).toBe("127.0.0.1:4600/dev/idp/dev");
  });

  it("reads every setting from the query on any other origin, the redirect URI being the page without it", () => {
    const config = readConfig(
      "http://localhost:5173/app/index.html?endpoint=http://127.0.0.1:9999&pool=eu-west-1:1234abcd-0000-4000-8000-000000000000&provider=corp&client=web#x",
    );
    expect(config.endpoint).toBe("http://127.0.0.1:9999");
    expect(config.region).toBe("eu-west-1");
    expect(config.issuer).toBe("http://127.0.0.1:9999/dev/idp/corp");
    expect(config.client).toBe("web");
    expect(config.redirectUri).toBe("http://localhost:5173/app/index.html");
    expect(new URLSearchParams(config.search).get("provider")).toBe("corp");
    expect(readConfig("http://localhost:5173/").endpoint).toBe(DEFAULT_ENDPOINT);
    expect(readConfig("http://localhost:5173/?endpoint=http://127.0.0.1:9999/").endpoint).toBe("http://127.0.0.1:9999");
  });

  it("names the setting that cannot work", () => {
    const refused = (query: string) => {
      try {
        readConfig(`http://localhost:5173/${query}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).parameter;
      }
      return undefined;
    };
    expect(refused("?endpoint=127.0.0.1:4600")).toBe("endpoint");
    expect(refused("?endpoint=javascript:alert(1)")).toBe("endpoint");
    expect(refused("?endpoint=http://127.0.0.1:4600/dev/idp/dev")).toBe("endpoint");
    expect(refused("?pool=nope")).toBe("pool");
    expect(refused("?provider=../x")).toBe("provider");
    expect(refused("?client=")).toBeUndefined();
  });
});

describe("examples/browser OAuth messages", () => {
  it("asks for a code with an S256 challenge, state and nonce", () => {
    const url = new URL(
      authorizeUrl({
        authorizationEndpoint: "http://127.0.0.1:4600/dev/idp/dev/authorize",
        client: "dev-client",
        redirectUri: "http://localhost:5173/",
        state: "s",
        nonce: "n",
        challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      }),
    );
    expect(url.origin + url.pathname).toBe("http://127.0.0.1:4600/dev/idp/dev/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "dev-client",
      redirect_uri: "http://localhost:5173/",
      scope: "openid",
      state: "s",
      nonce: "n",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
  });

  it("reads the redirect back: a code, an error, or neither", () => {
    expect(parseCallback("?code=c&state=s")).toEqual({ kind: "code", code: "c", state: "s" });
    expect(parseCallback("?error=access_denied&error_description=no&state=s")).toEqual({
      kind: "error",
      error: "access_denied",
      description: "no",
      state: "s",
    });
    expect(parseCallback("?endpoint=http://127.0.0.1:4600")).toEqual({ kind: "none" });
  });

  it("sends the verifier and the same redirect URI to the token endpoint", () => {
    const pending = {
      state: "s",
      nonce: "n",
      verifier: "v",
      tokenEndpoint: "http://127.0.0.1:4600/dev/idp/dev/token",
      redirectUri: "http://localhost:5173/",
      client: "dev-client",
      search: "",
    };
    expect(Object.fromEntries(tokenRequestBody(pending, "c"))).toEqual({
      grant_type: "authorization_code",
      code: "c",
      redirect_uri: "http://localhost:5173/",
      client_id: "dev-client",
      code_verifier: "v",
    });
  });

  it("decodes an ID token's claims (base64url, UTF-8) for the nonce check", () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const jwt = `${part({ alg: "RS256" })}.${part({ nonce: "n?>", name: "Zoë" })}.sig`;
    expect(unverifiedClaims(jwt)).toEqual({ nonce: "n?>", name: "Zoë" });
    expect(() => unverifiedClaims("nope")).toThrow(/not a JWT/);
    expect(() => unverifiedClaims(`x.${part([1])}.y`)).toThrow(/not a JSON object/);
  });
});
