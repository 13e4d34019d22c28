import {
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { errorOf, type TestServer } from "../support/server.js";
import { type SocialStandIn, startSocialStandIn } from "../support/social-stand-in.js";
import { authenticatedRole, startTrustingServer } from "../support/trusted-server.js";

/** Public providers of SupportedLoginProviders (reference §2.4, §4.1), with stand-ins. */
let server: TestServer;
let google: TestOidcProvider;
let apple: TestOidcProvider;
let social: SocialStandIn;
let poolId: string;
let roleArn: string;
beforeAll(async () => {
  google = await startTestOidcProvider({ clientId: "google-client.apps.googleusercontent.com" });
  apple = await startTestOidcProvider({ clientId: "com.example.app" });
  social = await startSocialStandIn();
  server = await startTrustingServer({
    googleUrl: google.url,
    appleUrl: apple.url,
    facebookUrl: social.url,
    amazonUrl: social.url,
  });
  const pool = await server.cognito.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: "Public",
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: true,
      SupportedLoginProviders: {
        "accounts.google.com": "google-client.apps.googleusercontent.com",
        "appleid.apple.com": "com.example.app",
        "graph.facebook.com": "1234567890",
        "www.amazon.com": "amzn1.application-oa2-client.abc",
        "api.twitter.com": "key;secret",
      },
    }),
  );
  poolId = pool.IdentityPoolId ?? "";
  roleArn = await authenticatedRole(server, poolId, "PublicAuth");
  await server.cognito.send(
    new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: roleArn } }),
  );
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([google?.stop(), apple?.stop(), social?.stop()]);
});

const getId = (Logins: Record<string, string>) =>
  server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));

/** Enhanced flow (GetId → GetCredentialsForIdentity) and basic flow (GetOpenIdToken → STS); the token's amr. */
async function amrOf(Logins: Record<string, string>): Promise<unknown> {
  const { IdentityId } = await getId(Logins);
  const creds = await server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  expect(creds.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  const token = (await server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }))).Token ?? "";
  const sts = new STSClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "-", secretAccessKey: "-" },
  });
  const assumed = await sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: "basic", WebIdentityToken: token }),
  );
  sts.destroy();
  expect(assumed.SubjectFromWebIdentityToken).toBe(IdentityId);
  return decodeJwt(token).amr;
}

describe("Google and Apple ID tokens, verified as OpenID Connect with their published issuers", () => {
  it("accepts Google's issuer with and without scheme, and Apple's", async () => {
    const withScheme = await google.issueToken({ sub: "g-1", iss: "https://accounts.google.com" });
    const bare = await google.issueToken({ sub: "g-1", iss: "accounts.google.com" });
    const first = await getId({ "accounts.google.com": withScheme });
    expect((await getId({ "accounts.google.com": bare })).IdentityId).toBe(first.IdentityId);
    expect(await amrOf({ "accounts.google.com": withScheme })).toEqual([
      "authenticated",
      "accounts.google.com",
      "accounts.google.com:google-client.apps.googleusercontent.com:g-1",
    ]);
    const appleToken = await apple.issueToken({ sub: "a-1", iss: "https://appleid.apple.com" });
    expect((await getId({ "appleid.apple.com": appleToken })).IdentityId).toMatch(/^us-east-1:/);
  });

  it("refuses another issuer and another client id", async () => {
    const wrongIss = await google.issueToken({ sub: "g-2" });
    const issuer = await errorOf(() => getId({ "accounts.google.com": wrongIss }));
    expect(issuer.message).toBe("Invalid login token. Issuer doesn't match providerName");
    const wrongAud = await google.issueToken({ sub: "g-2", iss: "https://accounts.google.com", aud: "other" });
    const audience = await errorOf(() => getId({ "accounts.google.com": wrongAud }));
    expect(audience.message).toBe("Invalid login token. Incorrect token audience.");
  });
});

describe("Facebook and Amazon access tokens, checked with the provider's API", () => {
  it("maps each token to its user, with the observed amr shape", async () => {
    social.addToken("fb-token-1", "1234567890", "10001");
    social.addToken("fb-token-2", "1234567890", "10001");
    const first = await getId({ "graph.facebook.com": "fb-token-1" });
    expect((await getId({ "graph.facebook.com": "fb-token-2" })).IdentityId).toBe(first.IdentityId);
    expect(await amrOf({ "graph.facebook.com": "fb-token-1" })).toEqual([
      "authenticated",
      "graph.facebook.com",
      "graph.facebook.com:1234567890:10001",
    ]);
    social.addToken("lwa-token", "amzn1.application-oa2-client.abc", "amzn1.account.XYZ");
    expect(await amrOf({ "www.amazon.com": "lwa-token" })).toEqual([
      "authenticated",
      "www.amazon.com",
      "www.amazon.com:amzn1.application-oa2-client.abc:amzn1.account.XYZ",
    ]);
  });

  it("refuses a token of another app and one the provider does not know", async () => {
    social.addToken("fb-other-app", "999", "10002");
    const other = await errorOf(() => getId({ "graph.facebook.com": "fb-other-app" }));
    expect([other.name, other.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. Incorrect token audience.",
    ]);
    const unknown = await errorOf(() => getId({ "www.amazon.com": "nobody-issued-this" }));
    expect([unknown.name, unknown.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. www.amazon.com did not accept the access token.",
    ]);
  });

  it("answers ExternalServiceException when the provider cannot be reached", async () => {
    const down = await startTrustingServer({ facebookUrl: "https://localhost:1" });
    try {
      const pool = await down.cognito.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: "Down",
          AllowUnauthenticatedIdentities: false,
          SupportedLoginProviders: { "graph.facebook.com": "1234567890" },
        }),
      );
      const error = await errorOf(() =>
        down.cognito.send(
          new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId, Logins: { "graph.facebook.com": "t" } }),
        ),
      );
      expect(error.name).toBe("ExternalServiceException");
    } finally {
      await down.stop();
    }
  });
});

describe("principal tags with the default map", () => {
  it("tags Amazon logins with user_id and the client id", async () => {
    await server.cognito.send(
      new SetPrincipalTagAttributeMapCommand({
        IdentityPoolId: poolId,
        IdentityProviderName: "www.amazon.com",
        UseDefaults: true,
      }),
    );
    social.addToken("lwa-tagged", "amzn1.application-oa2-client.abc", "amzn1.account.TAG");
    const Logins = { "www.amazon.com": "lwa-tagged" };
    const { IdentityId } = await getId(Logins);
    const token = (await server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }))).Token ?? "";
    expect(decodeJwt(token)["https://aws.amazon.com/tags"]).toEqual({
      principal_tags: { username: ["amzn1.account.TAG"], client: ["amzn1.application-oa2-client.abc"] },
    });
  });
});

describe("public providers idpool does not verify, or the pool does not configure", () => {
  it("answers Twitter plainly and an unconfigured public provider as AWS does", async () => {
    const twitter = await errorOf(() => getId({ "api.twitter.com": "token;secret" }));
    expect([twitter.name, twitter.message]).toEqual([
      "InvalidParameterException",
      "Logins of api.twitter.com are not supported by idpool: its OAuth 1.0a tokens cannot be verified here.",
    ]);
    const digits = await errorOf(() => getId({ "www.digits.com": "x" }));
    expect([digits.name, digits.message]).toEqual([
      "InvalidParameterException",
      "Please provide a valid public provider.",
    ]);
  });
});
