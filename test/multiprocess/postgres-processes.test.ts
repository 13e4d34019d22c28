import {
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  ListIdentitiesCommand,
  SetIdentityPoolRolesCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cognitoCredentials, errorOf } from "../support/server.js";
import { spawnIdpool } from "../support/spawn-idpool.js";
import { type Cluster, type Node, startCluster } from "./cluster.js";

/** Issue #6: two idpool processes on one PostgreSQL database behave as one service. */
const postgres = inject("postgres");

if (!postgres.available) {
  describe("idpool processes sharing PostgreSQL", () => {
    it.skip(`skipped: ${postgres.reason}`, () => {});
  });
}

describe.runIf(postgres.available)("two idpool processes sharing one PostgreSQL database", () => {
  let c: Cluster;
  let a: Node;
  let b: Node;
  let logins: Record<string, string>;
  let identityId: string;

  beforeAll(async () => {
    c = await startCluster(2);
    [a, b] = c.nodes as [Node, Node];
    logins = { [c.idp.loginsKey]: await c.idp.issueToken({ sub: "cluster-user" }) };
  });
  afterAll(async () => {
    await c?.stop();
  });

  const credentialsOn = async (node: Node) => {
    const out = await node.cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins }),
    );
    return cognitoCredentials(out.Credentials);
  };
  const callerOn = async (node: Node, credentials: Awaited<ReturnType<typeof credentialsOn>>) => {
    const client = node.stsWith(credentials);
    try {
      return (await client.send(new GetCallerIdentityCommand({}))).Arn;
    } finally {
      client.destroy();
    }
  };
  const openIdTokenOn = async (node: Node) =>
    (await node.cognito.send(new GetOpenIdTokenCommand({ IdentityId: identityId, Logins: logins }))).Token ?? "";

  it("gives 60 concurrent GetId calls for one new login, split between the processes, one IdentityId", async () => {
    const calls = Array.from({ length: 60 }, (_, i) =>
      (i % 2 ? b : a).cognito.send(new GetIdCommand({ IdentityPoolId: c.poolId, Logins: logins })),
    );
    const ids = new Set((await Promise.all(calls)).map((r) => r.IdentityId));
    expect(ids.size).toBe(1);
    identityId = [...ids][0] ?? "";
    const listed = await b.cognito.send(new ListIdentitiesCommand({ IdentityPoolId: c.poolId, MaxResults: 60 }));
    expect(listed.Identities?.map((i) => i.IdentityId)).toEqual([identityId]);
  });

  it("accepts credentials minted by one process on the other", async () => {
    expect(await callerOn(b, await credentialsOn(a))).toMatch(/:assumed-role\/ClusterAuth\//);
    expect(await callerOn(a, await credentialsOn(b))).toMatch(/:assumed-role\/ClusterAuth\//);
  });

  it("verifies on one process the OpenID tokens the other signed, across `idpool keys rotate`", async () => {
    const assumeOn = async (node: Node, token: string) => {
      const anonymous = new STSClient({ endpoint: node.url, region: "us-east-1", maxAttempts: 1 });
      try {
        const out = await anonymous.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: c.authRoleArn,
            RoleSessionName: "cluster",
            WebIdentityToken: token,
          }),
        );
        return out.SubjectFromWebIdentityToken;
      } finally {
        anonymous.destroy();
      }
    };
    const before = await openIdTokenOn(a);
    expect(await assumeOn(b, before)).toBe(identityId);

    const rotate = spawnIdpool(["keys", "rotate", "--database-url", c.databaseUrl]);
    expect(await rotate.exited()).toBe(0);
    const kid = /new signing key (\S+);/.exec(rotate.stdout())?.[1];
    expect(kid).toMatch(/^us-east-1-/);
    expect(kid).not.toBe(decodeProtectedHeader(before).kid);

    // Each process re-reads its signing keys within seconds (tokens/signing-keys.ts).
    const deadline = Date.now() + 15_000;
    const kids = async () => [await openIdTokenOn(a), await openIdTokenOn(b)].map((t) => decodeProtectedHeader(t).kid);
    while ((await kids()).some((k) => k !== kid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await kids()).toEqual([kid, kid]);
    expect(await assumeOn(b, await openIdTokenOn(a))).toBe(identityId);
    expect(await assumeOn(a, await openIdTokenOn(b))).toBe(identityId);
    // A token signed before the rotation stays valid everywhere until it expires.
    expect(await assumeOn(a, before)).toBe(identityId);
  }, 40_000);

  it("sees an admin change made on one process on the other's next request", async () => {
    const describeOnB = () => b.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: c.poolId }));
    expect((await describeOnB()).IdentityPoolName).toBe("Cluster");
    expect((await b.cognito.send(new GetIdCommand({ IdentityPoolId: c.poolId }))).IdentityId).toMatch(/^us-east-1:/);

    const current = await a.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: c.poolId }));
    await a.cognito.send(
      new UpdateIdentityPoolCommand({ ...current, IdentityPoolName: "Renamed", AllowUnauthenticatedIdentities: false }),
    );
    expect((await describeOnB()).IdentityPoolName).toBe("Renamed");
    const guest = await errorOf(() => b.cognito.send(new GetIdCommand({ IdentityPoolId: c.poolId })));
    expect(guest.name).toBe("NotAuthorizedException");

    const newRole = await c.createRole("ClusterAuthNext", "authenticated");
    await b.cognito.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: c.poolId,
        Roles: { authenticated: newRole, unauthenticated: c.guestRoleArn },
      }),
    );
    expect(await callerOn(b, await credentialsOn(a))).toMatch(/:assumed-role\/ClusterAuthNext\//);
  });

  it("fails fast while the database is down, reports 503, and recovers by itself", async () => {
    await c.postgres.stop();
    const started = Date.now();
    const down = await errorOf(() => a.cognito.send(new GetIdCommand({ IdentityPoolId: c.poolId, Logins: logins })));
    const elapsed = Date.now() - started;
    expect(down.name).toBe("InternalErrorException");
    expect(down.$metadata?.httpStatusCode).toBe(500);
    expect(elapsed).toBeLessThan(5_000);
    const iamDown = await errorOf(() => b.iam.send(new GetRoleCommand({ RoleName: "ClusterAuth" })));
    expect(iamDown.$metadata?.httpStatusCode).toBe(500);
    for (const node of [a, b]) expect((await fetch(`${node.url}/healthz`)).status).toBe(503);

    await c.postgres.start();
    for (const node of [a, b]) {
      const deadline = Date.now() + 10_000;
      while ((await fetch(`${node.url}/healthz`)).status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
    }
    for (const node of [a, b]) {
      const again = await node.cognito.send(new GetIdCommand({ IdentityPoolId: c.poolId, Logins: logins }));
      expect(again.IdentityId).toBe(identityId);
    }
    expect(await callerOn(a, await credentialsOn(b))).toMatch(/:assumed-role\/ClusterAuthNext\//);
    // The same processes served throughout, and none of them wrote to its --data-dir.
    for (const node of [a, b]) expect(node.process.child.exitCode).toBeNull();
    const { existsSync } = await import("node:fs");
    expect(c.dataDirs.filter((d) => existsSync(d))).toEqual([]);
  }, 40_000);
});
