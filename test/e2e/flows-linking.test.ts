import {
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf } from "../support/server.js";

/** Linking, merging and upgrading (reference §3.2–3.4), across two providers. */
let f: PoolFixture;
let second: TestOidcProvider;
beforeAll(async () => {
  f = await startPoolFixture();
  second = await startTestOidcProvider({ path: "/tenant-2", clientId: "client-b" });
  const secondArn = await f.registerProvider(second);
  const pool = await f.server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: f.poolId }));
  await f.server.cognito.send(
    new UpdateIdentityPoolCommand({
      IdentityPoolId: f.poolId,
      IdentityPoolName: pool.IdentityPoolName,
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      OpenIdConnectProviderARNs: [f.providerArn, secondArn],
    }),
  );
});
afterAll(async () => {
  await second?.stop();
  await f?.stop();
});

const a = async (sub: string) => ({ [f.idp.loginsKey]: await f.idp.issueToken({ sub }) });
const b = async (sub: string) => ({ [second.loginsKey]: await second.issueToken({ sub }) });
const getId = async (logins?: Record<string, string>) =>
  (await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, ...(logins ? { Logins: logins } : {}) })))
    .IdentityId ?? "";
const credentials = (identityId: string, logins?: Record<string, string>) =>
  f.server.cognito.send(
    new GetCredentialsForIdentityCommand({ IdentityId: identityId, ...(logins ? { Logins: logins } : {}) }),
  );

describe("GetId with several logins", () => {
  it("links a new login to the identity that owns the other", async () => {
    const id = await getId(await a("link-1"));
    expect(await getId({ ...(await a("link-1")), ...(await b("link-1b")) })).toBe(id);
    expect(await getId(await b("link-1b"))).toBe(id);
  });

  it("merges identities into the oldest and forbids the merged-away id", async () => {
    const older = await getId(await a("merge-a"));
    const newer = await getId(await b("merge-b"));
    expect(newer).not.toBe(older);
    expect(await getId({ ...(await a("merge-a")), ...(await b("merge-b")) })).toBe(older);
    expect(await getId(await b("merge-b"))).toBe(older);
    const error = await errorOf(async () => credentials(newer, await b("merge-b")));
    expect([error.name, error.message]).toEqual([
      "NotAuthorizedException",
      `Access to Identity '${newer}' is forbidden.`,
    ]);
  });

  it("refuses a merge that would give one identity two users of one provider", async () => {
    await getId(await a("conflict-1"));
    await getId({ ...(await a("conflict-2")), ...(await b("conflict-b")) });
    const error = await errorOf(async () => getId({ ...(await a("conflict-1")), ...(await b("conflict-b")) }));
    expect(error.name).toBe("ResourceConflictException");
  });
});

describe("GetCredentialsForIdentity and who may use an identity", () => {
  it("forbids an authenticated identity without logins, and refuses logins of someone else", async () => {
    const id = await getId(await a("owner"));
    const none = await errorOf(() => credentials(id));
    expect([none.name, none.message]).toEqual(["NotAuthorizedException", `Access to Identity '${id}' is forbidden.`]);
    const other = await errorOf(async () => credentials(id, await a("stranger")));
    expect([other.name, other.message]).toEqual([
      "NotAuthorizedException",
      "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    ]);
  });

  it("upgrades a guest with a new login, keeping its id", async () => {
    const guest = await getId();
    const out = await credentials(guest, await a("upgraded"));
    expect(out.IdentityId).toBe(guest);
    expect(await getId(await a("upgraded"))).toBe(guest);
    const error = await errorOf(() => credentials(guest));
    expect(error.message).toBe(`Access to Identity '${guest}' is forbidden.`);
  });

  it("merges a guest into the identity that owns the login it presents", async () => {
    const owner = await getId(await a("returning"));
    const guest = await getId();
    const out = await credentials(guest, await a("returning"));
    expect(out.IdentityId).toBe(owner);
    const error = await errorOf(() => credentials(guest));
    expect(error.message).toBe(`Access to Identity '${guest}' is forbidden.`);
  });

  it("does not take a guest's own token as a login (no path from guest to the authenticated role)", async () => {
    const guest = await getId();
    const { Token } = await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId: guest }));
    const error = await errorOf(() => credentials(guest, { "cognito-identity.amazonaws.com": Token ?? "" }));
    expect([error.name, error.message]).toEqual([
      "NotAuthorizedException",
      "Invalid login token. An unauthenticated identity's token is not a login.",
    ]);
  });

  it("names an unknown identity", async () => {
    const error = await errorOf(() => credentials("us-east-1:00000000-0000-4000-8000-000000000000"));
    expect([error.name, error.message]).toEqual([
      "ResourceNotFoundException",
      "Identity 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
    ]);
  });
});

describe("concurrency", () => {
  it("gives 60 concurrent GetId calls for one new login a single identity", async () => {
    const tokens = await Promise.all(Array.from({ length: 60 }, () => a("racer")));
    const ids = await Promise.all(tokens.map((t) => getId(t)));
    expect(new Set(ids).size).toBe(1);
  });
});
