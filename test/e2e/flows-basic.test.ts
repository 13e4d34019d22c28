import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { cognitoCredentials, errorOf } from "../support/server.js";

let f: PoolFixture;
beforeAll(async () => {
  f = await startPoolFixture();
});
afterAll(async () => {
  await f?.stop();
});

const logins = (token: string) => ({ [f.idp.loginsKey]: token });

describe("GetId → GetCredentialsForIdentity → GetCallerIdentity", () => {
  it("gives one stable identity per subject and credentials that verify", async () => {
    const token = await f.idp.issueToken({ sub: "alice" });
    const first = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(token) }));
    const again = await f.server.cognito.send(
      new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(await f.idp.issueToken({ sub: "alice" })) }),
    );
    expect(first.IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(again.IdentityId).toBe(first.IdentityId);
    const bob = await f.server.cognito.send(
      new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(await f.idp.issueToken({ sub: "bob" })) }),
    );
    expect(bob.IdentityId).not.toBe(first.IdentityId);

    const creds = await f.server.cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId, Logins: logins(token) }),
    );
    expect(creds.IdentityId).toBe(first.IdentityId);
    expect(creds.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.Credentials?.SecretKey).toHaveLength(40);
    const lifetimeMs = (creds.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(3_590_000);
    expect(lifetimeMs).toBeLessThanOrEqual(3_600_000);

    const sts = new STSClient({
      endpoint: f.server.url,
      region: "us-east-1",
      credentials: cognitoCredentials(creds.Credentials),
    });
    const caller = await sts.send(new GetCallerIdentityCommand({}));
    expect(caller.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/FixtureAuth/CognitoIdentityCredentials`);
    expect(caller.UserId).toMatch(/^AROA[A-Z2-7]{17}:CognitoIdentityCredentials$/);
    expect(caller.Account).toBe(ACCOUNT);
    sts.destroy();
  });

  it("works through fromCognitoIdentityPool of @aws-sdk/credential-providers", async () => {
    const provider = fromCognitoIdentityPool({
      identityPoolId: f.poolId,
      logins: { [f.idp.loginsKey]: () => f.idp.issueToken({ sub: "carol" }) },
      clientConfig: { endpoint: f.server.url, region: "us-east-1" },
    });
    const first = await provider();
    const second = await provider();
    expect(first.accessKeyId).toMatch(/^ASIA/);
    expect(first.identityId).toBe(second.identityId);
    expect(first.expiration).toBeInstanceOf(Date);
  });

  it("gives guests the unauthenticated role", async () => {
    const guest = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId }));
    const creds = await f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId }));
    const sts = new STSClient({
      endpoint: f.server.url,
      region: "us-east-1",
      credentials: cognitoCredentials(creds.Credentials),
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/FixtureGuest/CognitoIdentityCredentials`,
    );
    sts.destroy();
  });

  it("issues idpool's own RS512 token from GetOpenIdToken and publishes its key", async () => {
    const token = await f.idp.issueToken({ sub: "dave" });
    const { IdentityId } = await f.server.cognito.send(
      new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(token) }),
    );
    const out = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins(token) }));
    const header = decodeProtectedHeader(out.Token ?? "");
    expect(header).toMatchObject({ alg: "RS512", typ: "JWS" });
    const claims = decodeJwt(out.Token ?? "");
    expect(claims).toMatchObject({
      iss: f.server.url,
      aud: f.poolId,
      sub: IdentityId,
      amr: ["authenticated", f.idp.loginsKey, `${f.providerArn}:OIDC:dave`],
      "https://cognito-identity.amazonaws.com/identity-pool-arn": `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${f.poolId}`,
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
    const jwks = (await (await fetch(`${f.server.url}/.well-known/jwks_uri`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    const discovery = (await (await fetch(`${f.server.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({ issuer: f.server.url, jwks_uri: `${f.server.url}/.well-known/jwks_uri` });
  });
});

describe("GetId refusals", () => {
  it("names an unknown pool", async () => {
    const error = await errorOf(() =>
      f.server.cognito.send(new GetIdCommand({ IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000" })),
    );
    expect([error.name, error.message]).toEqual([
      "ResourceNotFoundException",
      "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.",
    ]);
  });

  it("refuses a key that is not a provider of the pool, and Cognito's own key", async () => {
    const token = await f.idp.issueToken({ sub: "x" });
    const other = await errorOf(() =>
      f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { "login.other.example": token } })),
    );
    expect([other.name, other.message]).toEqual([
      "NotAuthorizedException",
      "Token is not from a supported provider of this identity pool.",
    ]);
    const cognito = await errorOf(() =>
      f.server.cognito.send(
        new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { "cognito-identity.amazonaws.com": token } }),
      ),
    );
    // A token idpool did not sign, under Cognito's key (reference §4.2).
    expect([cognito.name, cognito.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. Not a Cognito token.",
    ]);
    // idpool's own token from GetOpenIdToken: a Cognito token GetId does not take (reference §3.2).
    const { IdentityId } = await f.server.cognito.send(
      new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(token) }),
    );
    const own = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins(token) }));
    const ownError = await errorOf(() =>
      f.server.cognito.send(
        new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { "cognito-identity.amazonaws.com": own.Token ?? "" } }),
      ),
    );
    expect([ownError.name, ownError.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. Can't pass in a Cognito token.",
    ]);
  });

  it("explains an expired token and a wrong issuer in Cognito's words", async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const expired = await f.idp.issueToken({ sub: "x", iat: nowSeconds - 4000, exp: nowSeconds - 400 });
    const error = await errorOf(() =>
      f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(expired) })),
    );
    expect(error.name).toBe("NotAuthorizedException");
    expect(error.message).toMatch(new RegExp(`^Invalid login token\\. Token expired: \\d+ >= ${nowSeconds - 400}$`));
    const wrongIss = await f.idp.issueToken({ sub: "x", iss: "https://elsewhere.example" });
    const issuer = await errorOf(() =>
      f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(wrongIss) })),
    );
    expect(issuer.message).toBe("Invalid login token. Issuer doesn't match providerName");
  });
});

describe("the Logins map's size", () => {
  it("refuses more than ten logins with the model's ValidationException in every operation that takes one", async () => {
    const token = await f.idp.issueToken({ sub: "many" });
    const { IdentityId } = await f.server.cognito.send(
      new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins(token) }),
    );
    // LoginsMap has at most 10 entries (reference §2.1); the keys need not name providers to be counted.
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`idp${i}.example.com`, token]));
    const calls = [
      () => f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: eleven })),
      () => f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: eleven })),
      () => f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins: eleven })),
    ];
    for (const call of calls) {
      const error = await errorOf(call);
      expect(error.name).toBe("ValidationException");
      expect(error.message).toMatch(
        /^1 validation error detected: Value '\{idp0.*' at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10$/,
      );
    }
  });
});
