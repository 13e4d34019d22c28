import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { cognitoTrustPolicy } from "../support/pool-fixture.js";
import { freshDatabase, startPostgres, type TestPostgres } from "../support/postgres.js";
import { TEST_ROOT } from "../support/server.js";
import { type SpawnedIdpool, spawnIdpool } from "../support/spawn-idpool.js";

/** One spawned `idpool serve` and official SDK clients pointed at it (root credentials). */
export interface Node {
  readonly url: string;
  readonly process: SpawnedIdpool;
  readonly cognito: CognitoIdentityClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  /** SDK clients for temporary credentials, against this node. */
  stsWith(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }): STSClient;
}

export interface Cluster {
  readonly postgres: TestPostgres;
  readonly databaseUrl: string;
  readonly nodes: readonly Node[];
  /** The `--data-dir` each node was given: with a database URL, none of them is ever created. */
  readonly dataDirs: readonly string[];
  readonly idp: TestOidcProvider;
  readonly poolId: string;
  readonly authRoleArn: string;
  readonly guestRoleArn: string;
  createRole(name: string, amr: "authenticated" | "unauthenticated"): Promise<string>;
  stop(): Promise<void>;
}

/** Every node announces the same issuer, as behind one load balancer. */
export const PUBLIC_URL = "http://idpool.cluster.test";
const REGION = "us-east-1";

function clientsFor(url: string): Omit<Node, "url" | "process"> {
  const config = { endpoint: url, region: REGION, credentials: TEST_ROOT, maxAttempts: 1 };
  return {
    cognito: new CognitoIdentityClient(config),
    iam: new IAMClient(config),
    sts: new STSClient(config),
    stsWith: (credentials) => new STSClient({ ...config, credentials }),
  };
}

/**
 * A throwaway PostgreSQL server of its own (the tests stop and start it, which must not disturb
 * other test files), `count` idpool processes started at once on one database, a test OpenID
 * provider, and a pool with authenticated and guest roles made through the first node.
 */
export async function startCluster(count: number): Promise<Cluster> {
  const postgres = await startPostgres();
  const databaseUrl = await freshDatabase(postgres.url, "idpool_cluster");
  const scratch = mkdtempSync(join(tmpdir(), "idpool-cluster-"));
  const dataDirs = Array.from({ length: count }, (_, i) => join(scratch, `data-${i}`));
  const env = {
    IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
    IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
  };
  const processes = dataDirs.map((dataDir) =>
    spawnIdpool(
      ["serve", "--port", "0", "--database-url", databaseUrl, "--public-url", PUBLIC_URL, "--data-dir", dataDir],
      env,
    ),
  );
  const urls = await Promise.all(processes.map((p) => p.listening()));
  const nodes = processes.map((process, i) => ({ url: urls[i] ?? "", process, ...clientsFor(urls[i] ?? "") }));
  const first = nodes[0];
  if (!first) throw new Error("a cluster needs a node");

  const idp = await startTestOidcProvider();
  const provider = await first.iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: idp.url,
      ClientIDList: [idp.clientId],
      ThumbprintList: [idp.ca.intermediate.thumbprint],
    }),
  );
  const pool = await first.cognito.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: "Cluster",
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      OpenIdConnectProviderARNs: [provider.OpenIDConnectProviderArn ?? ""],
    }),
  );
  const poolId = pool.IdentityPoolId ?? "";
  const createRole = async (name: string, amr: "authenticated" | "unauthenticated"): Promise<string> => {
    const out = await first.iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: cognitoTrustPolicy(poolId, amr) }),
    );
    return out.Role?.Arn ?? "";
  };
  const authRoleArn = await createRole("ClusterAuth", "authenticated");
  const guestRoleArn = await createRole("ClusterGuest", "unauthenticated");
  await first.cognito.send(
    new SetIdentityPoolRolesCommand({
      IdentityPoolId: poolId,
      Roles: { authenticated: authRoleArn, unauthenticated: guestRoleArn },
    }),
  );
  return {
    postgres,
    databaseUrl,
    nodes,
    dataDirs,
    idp,
    poolId,
    authRoleArn,
    guestRoleArn,
    createRole,
    async stop() {
      for (const node of nodes) {
        node.cognito.destroy();
        node.iam.destroy();
        node.sts.destroy();
        node.process.child.kill("SIGTERM");
      }
      await Promise.all(nodes.map((n) => n.process.exited()));
      await idp.stop();
      await postgres.destroy();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
