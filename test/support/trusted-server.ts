import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { cognitoTrustPolicy } from "./pool-fixture.js";
import { startTestServer, type TestServer } from "./server.js";
import { sharedTestCa } from "./test-ca.js";

/**
 * A test server that trusts the test CA through `--extra-ca-file`, as providers without IAM
 * thumbprints (user pools, Google, Apple, Facebook, Amazon) are trusted through the trust store.
 */
export async function startTrustingServer(flags: Record<string, string> = {}): Promise<TestServer> {
  const ca = await sharedTestCa();
  const caFile = join(tmpdir(), `idpool-test-root-${process.pid}.pem`);
  writeFileSync(caFile, ca.root.certPem);
  return startTestServer({ flags: { extraCaFile: caFile, ...flags } });
}

/** A role trusting the pool's authenticated identities, for the pool's authenticated role. */
export async function authenticatedRole(server: TestServer, poolId: string, name: string): Promise<string> {
  const out = await server.iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: cognitoTrustPolicy(poolId, "authenticated") }),
  );
  return out.Role?.Arn ?? "";
}
