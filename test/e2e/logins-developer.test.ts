import {
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  UnlinkDeveloperIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startTestServer, type TestServer } from "../support/server.js";
import { authenticatedRole } from "../support/trusted-server.js";

/** Developer-authenticated identities (reference §2.4, §3.5). */
const DEV = "login.mycompany.myapp";
let server: TestServer;
let poolId: string;
let roleArn: string;
beforeAll(async () => {
  server = await startTestServer();
  const pool = await server.cognito.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: "Developers",
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: true,
      DeveloperProviderName: DEV,
    }),
  );
  poolId = pool.IdentityPoolId ?? "";
  roleArn = await authenticatedRole(server, poolId, "DeveloperAuth");
  await server.cognito.send(
    new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: roleArn } }),
  );
});
afterAll(async () => {
  await server?.stop();
});

const devToken = (
  user: string,
  extra: { IdentityId?: string; TokenDuration?: number; PrincipalTags?: Record<string, string> } = {},
) =>
  server.cognito.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { [DEV]: user }, ...extra }),
  );

describe("GetOpenIdTokenForDeveloperIdentity", () => {
  it("gives one identity per developer user and signs a 15-minute token with developer amr and tags", async () => {
    const first = await devToken("user-1", { PrincipalTags: { team: "blue" } });
    const again = await devToken("user-1");
    expect(again.IdentityId).toBe(first.IdentityId);
    const claims = decodeJwt(first.Token ?? "");
    expect(claims).toMatchObject({
      sub: first.IdentityId,
      aud: poolId,
      amr: ["authenticated", DEV, `${DEV}:${poolId}:user-1`],
      "https://aws.amazon.com/tags": { principal_tags: { team: ["blue"] } },
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(900);
    const short = decodeJwt((await devToken("user-1", { TokenDuration: 60 })).Token ?? "");
    expect((short.exp ?? 0) - (short.iat ?? 0)).toBe(60);
  });

  it("refuses a developer user registered to another identity, and a provider name the pool lacks", async () => {
    const a = await devToken("user-a");
    await devToken("user-b");
    const taken = await errorOf(() => devToken("user-b", { IdentityId: a.IdentityId ?? "" }));
    expect(taken.name).toBe("DeveloperUserAlreadyRegisteredException");
    const wrong = await errorOf(() =>
      server.cognito.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { "other.provider": "x" } }),
      ),
    );
    expect([wrong.name, wrong.message]).toEqual([
      "NotAuthorizedException",
      "This identity pool does not support the specified developer provider",
    ]);
    const linked = await devToken("user-c", { IdentityId: a.IdentityId ?? "" });
    expect(linked.IdentityId).toBe(a.IdentityId);
  });
});

describe("the developer flows", () => {
  it("enhanced: the token under cognito-identity.amazonaws.com gets credentials of the authenticated role", async () => {
    const { IdentityId, Token } = await devToken("enhanced");
    const Logins = { "cognito-identity.amazonaws.com": Token ?? "" };
    // GetId does not take Cognito tokens, a developer's included (reference §3.2 step 4).
    const getId = await errorOf(() => server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins })));
    expect([getId.name, getId.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. Can't pass in a Cognito token.",
    ]);
    const creds = await server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    expect(creds.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const openId = await server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    expect(decodeJwt(openId.Token ?? "").sub).toBe(IdentityId);
    const forged = await errorOf(() =>
      server.cognito.send(
        new GetCredentialsForIdentityCommand({ IdentityId, Logins: { "cognito-identity.amazonaws.com": `${Token}x` } }),
      ),
    );
    expect([forged.name, forged.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. Not a Cognito token.",
    ]);
    const other = await devToken("someone-else");
    const mismatch = await errorOf(() =>
      server.cognito.send(
        new GetCredentialsForIdentityCommand({
          IdentityId,
          Logins: { "cognito-identity.amazonaws.com": other.Token ?? "" },
        }),
      ),
    );
    expect(mismatch.message).toBe(
      "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    );
  });

  it("basic: STS AssumeRoleWithWebIdentity takes the developer token", async () => {
    const { IdentityId, Token } = await devToken("basic");
    const sts = new STSClient({
      endpoint: server.url,
      region: "us-east-1",
      credentials: { accessKeyId: "-", secretAccessKey: "-" },
    });
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: "dev", WebIdentityToken: Token }),
    );
    expect(out.SubjectFromWebIdentityToken).toBe(IdentityId);
    expect(out.Provider).toBe("cognito-identity.amazonaws.com");
    sts.destroy();
  });
});

describe("LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity", () => {
  it("looks up both ways, merges two users into the destination's identity, and unlinks", async () => {
    const source = await devToken("merge-source");
    const destination = await devToken("merge-destination");
    const byUser = await server.cognito.send(
      new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: "merge-source" }),
    );
    expect(byUser).toMatchObject({ IdentityId: source.IdentityId, DeveloperUserIdentifierList: ["merge-source"] });
    const conflict = await errorOf(() =>
      server.cognito.send(
        new LookupDeveloperIdentityCommand({
          IdentityPoolId: poolId,
          IdentityId: destination.IdentityId,
          DeveloperUserIdentifier: "merge-source",
        }),
      ),
    );
    expect(conflict.name).toBe("ResourceConflictException");
    const merged = await server.cognito.send(
      new MergeDeveloperIdentitiesCommand({
        IdentityPoolId: poolId,
        DeveloperProviderName: DEV,
        SourceUserIdentifier: "merge-source",
        DestinationUserIdentifier: "merge-destination",
      }),
    );
    expect(merged.IdentityId).toBe(destination.IdentityId);
    const byIdentity = await server.cognito.send(
      new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: destination.IdentityId, MaxResults: 1 }),
    );
    expect(byIdentity.DeveloperUserIdentifierList).toEqual(["merge-destination"]);
    const next = await server.cognito.send(
      new LookupDeveloperIdentityCommand({
        IdentityPoolId: poolId,
        IdentityId: destination.IdentityId,
        MaxResults: 1,
        NextToken: byIdentity.NextToken,
      }),
    );
    expect(next.DeveloperUserIdentifierList).toEqual(["merge-source"]);
    expect((await devToken("merge-source")).IdentityId).toBe(destination.IdentityId);

    await server.cognito.send(
      new UnlinkDeveloperIdentityCommand({
        IdentityPoolId: poolId,
        IdentityId: destination.IdentityId,
        DeveloperProviderName: DEV,
        DeveloperUserIdentifier: "merge-source",
      }),
    );
    const fresh = await devToken("merge-source");
    expect(fresh.IdentityId).not.toBe(destination.IdentityId);
    const notLinked = await errorOf(() =>
      server.cognito.send(
        new UnlinkDeveloperIdentityCommand({
          IdentityPoolId: poolId,
          IdentityId: destination.IdentityId,
          DeveloperProviderName: DEV,
          DeveloperUserIdentifier: "merge-source",
        }),
      ),
    );
    expect(notLinked.name).toBe("ResourceConflictException");
  });
});
