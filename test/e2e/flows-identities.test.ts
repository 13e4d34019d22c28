import {
  CreateIdentityPoolCommand,
  DeleteIdentitiesCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  type IdentityDescription,
  ListIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  UnlinkIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { cognitoTrustPolicy, type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf } from "../support/server.js";

/** ListIdentities, DescribeIdentity, DeleteIdentities, UnlinkIdentity (reference §2.3, §2.4, §3.1, §3.4). */

const UNKNOWN_ID = "us-east-1:00000000-0000-0000-0000-000000000000";
const LOGINS_DONT_MATCH =
  "Logins don't match. Please include at least one valid login for this identity or identity pool.";

let f: PoolFixture;
let other: TestOidcProvider;
let otherArn: string;
beforeAll(async () => {
  f = await startPoolFixture();
  other = await startTestOidcProvider({ path: "/tenant-2" });
  otherArn = await f.registerProvider(other);
});
afterAll(async () => {
  await other?.stop();
  await f?.stop();
});

let counter = 0;
/** A fresh pool with both providers and guest/authenticated roles of its own. */
async function newPool(): Promise<string> {
  counter += 1;
  const out = await f.server.cognito.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: `Identities${counter}`,
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      OpenIdConnectProviderARNs: [f.providerArn, otherArn],
    }),
  );
  const poolId = out.IdentityPoolId ?? "";
  const authenticated = await f.createRole(`IdAuth${counter}`, cognitoTrustPolicy(poolId, "authenticated"));
  const unauthenticated = await f.createRole(`IdGuest${counter}`, cognitoTrustPolicy(poolId, "unauthenticated"));
  await f.server.cognito.send(
    new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated, unauthenticated } }),
  );
  return poolId;
}

const mine = async (sub: string) => ({ [f.idp.loginsKey]: await f.idp.issueToken({ sub }) });
const theirs = async (sub: string) => ({ [other.loginsKey]: await other.issueToken({ sub }) });

async function getId(poolId: string, Logins?: Record<string, string>): Promise<string> {
  const out = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, ...(Logins ? { Logins } : {}) }));
  return out.IdentityId ?? "";
}

const describeIdentity = (IdentityId: string) => f.server.cognito.send(new DescribeIdentityCommand({ IdentityId }));

async function listAll(poolId: string, hideDisabled: boolean): Promise<IdentityDescription[][]> {
  const pages: IdentityDescription[][] = [];
  let NextToken: string | undefined;
  do {
    const out = await f.server.cognito.send(
      new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 2, HideDisabled: hideDisabled, NextToken }),
    );
    expect(out.IdentityPoolId).toBe(poolId);
    pages.push(out.Identities ?? []);
    NextToken = out.NextToken;
  } while (NextToken !== undefined && pages.length < 10);
  return pages;
}

describe("ListIdentities", () => {
  it("pages with MaxResults/NextToken, names providers only, and hides merged-away identities on request", async () => {
    const poolId = await newPool();
    const alice = await getId(poolId, await mine("alice"));
    const bob = await getId(poolId, { ...(await mine("bob")), ...(await theirs("bob-2")) });
    const carol = await getId(poolId, await theirs("carol"));
    const guest = await getId(poolId);
    // A guest upgraded with alice's login is merged into alice's identity and disabled (§3.4).
    const merged = await getId(poolId);
    const upgraded = await f.server.cognito.send(
      new GetOpenIdTokenCommand({ IdentityId: merged, Logins: await mine("alice") }),
    );
    expect(upgraded.IdentityId).toBe(alice);

    const all = await listAll(poolId, false);
    expect(all.map((p) => p.length)).toEqual([2, 2, 1]);
    const byId = new Map(all.flat().map((i) => [i.IdentityId, i]));
    expect([...byId.keys()].sort()).toEqual([alice, bob, carol, guest, merged].sort());
    expect(byId.get(alice)?.Logins).toEqual([f.idp.loginsKey]);
    expect(byId.get(bob)?.Logins).toEqual([f.idp.loginsKey, other.loginsKey].sort());
    expect(byId.get(carol)?.Logins).toEqual([other.loginsKey]);
    expect(byId.get(guest)?.Logins).toBeUndefined();
    expect(byId.get(merged)?.Logins).toBeUndefined();
    expect(byId.get(alice)?.CreationDate).toBeInstanceOf(Date);

    const visible = await listAll(poolId, true);
    expect(visible.map((p) => p.length)).toEqual([2, 2]);
    expect(
      visible
        .flat()
        .map((i) => i.IdentityId)
        .sort(),
    ).toEqual([alice, bob, carol, guest].sort());
  });

  it("names an unknown pool", async () => {
    const error = await errorOf(() =>
      f.server.cognito.send(new ListIdentitiesCommand({ IdentityPoolId: UNKNOWN_ID, MaxResults: 10 })),
    );
    expect([error.name, error.message]).toEqual([
      "ResourceNotFoundException",
      `IdentityPool '${UNKNOWN_ID}' not found.`,
    ]);
  });
});

describe("DescribeIdentity", () => {
  it("lists provider names and dates", async () => {
    const poolId = await newPool();
    const before = Date.now();
    const id = await getId(poolId, { ...(await theirs("dora-2")), ...(await mine("dora")) });
    const out = await describeIdentity(id);
    expect(out.IdentityId).toBe(id);
    expect(out.Logins).toEqual([f.idp.loginsKey, other.loginsKey].sort());
    expect(out.CreationDate).toBeInstanceOf(Date);
    expect(out.LastModifiedDate).toBeInstanceOf(Date);
    expect(out.CreationDate?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(out.CreationDate?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(out.LastModifiedDate?.getTime()).toBeGreaterThanOrEqual(out.CreationDate?.getTime() ?? 0);

    const guest = await describeIdentity(await getId(poolId));
    expect(guest.Logins).toBeUndefined();
  });

  it("names an unknown identity", async () => {
    const error = await errorOf(() => describeIdentity(UNKNOWN_ID));
    expect([error.name, error.message]).toEqual(["ResourceNotFoundException", `Identity '${UNKNOWN_ID}' not found.`]);
  });
});

describe("DeleteIdentities", () => {
  it("deletes an identity; its login makes a new one next time", async () => {
    const poolId = await newPool();
    const logins = await mine("erin");
    const id = await getId(poolId, logins);
    const out = await f.server.cognito.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [id] }));
    expect(out.UnprocessedIdentityIds).toEqual([]);

    const described = await errorOf(() => describeIdentity(id));
    expect([described.name, described.message]).toEqual(["ResourceNotFoundException", `Identity '${id}' not found.`]);
    const credentials = await errorOf(() =>
      f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: id, Logins: logins })),
    );
    expect([credentials.name, credentials.message]).toEqual([
      "ResourceNotFoundException",
      `Identity '${id}' not found.`,
    ]);
    const again = await getId(poolId, await mine("erin"));
    expect(again).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(again).not.toBe(id);
    expect((await describeIdentity(again)).Logins).toEqual([f.idp.loginsKey]);
  });
});

describe("UnlinkIdentity", () => {
  const unlink = (IdentityId: string, Logins: Record<string, string>, LoginsToRemove: string[]) =>
    f.server.cognito.send(new UnlinkIdentityCommand({ IdentityId, Logins, LoginsToRemove }));

  it("wants a valid token of a login linked to the identity", async () => {
    const poolId = await newPool();
    const frank = await getId(poolId, await mine("frank"));
    await getId(poolId, await mine("grace"));
    const otherUser = await errorOf(async () => unlink(frank, await mine("grace"), [f.idp.loginsKey]));
    expect([otherUser.name, otherUser.message]).toEqual(["NotAuthorizedException", LOGINS_DONT_MATCH]);
    const otherProvider = await errorOf(async () => unlink(frank, await theirs("frank"), [f.idp.loginsKey]));
    expect([otherProvider.name, otherProvider.message]).toEqual(["NotAuthorizedException", LOGINS_DONT_MATCH]);
    expect((await describeIdentity(frank)).Logins).toEqual([f.idp.loginsKey]);

    const unknown = await errorOf(async () => unlink(UNKNOWN_ID, await mine("frank"), [f.idp.loginsKey]));
    expect([unknown.name, unknown.message]).toEqual([
      "ResourceNotFoundException",
      `Identity '${UNKNOWN_ID}' not found.`,
    ]);
  });

  it("refuses to remove a provider that is not linked", async () => {
    const poolId = await newPool();
    const henry = await getId(poolId, await mine("henry"));
    const error = await errorOf(async () => unlink(henry, await mine("henry"), [other.loginsKey]));
    expect([error.name, error.message]).toEqual([
      "ResourceConflictException",
      `The identity has no login of provider ${other.loginsKey} to remove.`,
    ]);
    expect((await describeIdentity(henry)).Logins).toEqual([f.idp.loginsKey]);
  });

  it("removes one of two logins; the removed login is new next time", async () => {
    const poolId = await newPool();
    const ivy = await getId(poolId, { ...(await mine("ivy")), ...(await theirs("ivy-2")) });
    await unlink(ivy, await mine("ivy"), [other.loginsKey]);
    expect((await describeIdentity(ivy)).Logins).toEqual([f.idp.loginsKey]);
    expect(await getId(poolId, await mine("ivy"))).toBe(ivy);
    const fresh = await getId(poolId, await theirs("ivy-2"));
    expect(fresh).not.toBe(ivy);
    expect((await describeIdentity(fresh)).Logins).toEqual([other.loginsKey]);
  });

  it("removes the only login: the login gets a new identity and the old one is unreachable", async () => {
    const poolId = await newPool();
    const jack = await getId(poolId, await mine("jack"));
    await unlink(jack, await mine("jack"), [f.idp.loginsKey]);
    expect((await describeIdentity(jack)).Logins).toBeUndefined();
    const fresh = await getId(poolId, await mine("jack"));
    expect(fresh).not.toBe(jack);

    // "Removing the last linked login will make this identity inaccessible" (reference §2.4).
    const asGuest = await errorOf(() =>
      f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: jack })),
    );
    expect([asGuest.name, asGuest.message]).toEqual([
      "NotAuthorizedException",
      `Access to Identity '${jack}' is forbidden.`,
    ]);
  });
});

describe("DeleteIdentities of ids that do not exist", () => {
  it("is idempotent: nothing is reported unprocessed", async () => {
    const out = await f.server.cognito.send(
      new DeleteIdentitiesCommand({ IdentityIdsToDelete: ["us-east-1:00000000-0000-4000-8000-00000000dead"] }),
    );
    expect(out.UnprocessedIdentityIds).toEqual([]);
  });
});
