import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceEvent } from "../../src/shared/index.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf, TEST_ROOT } from "../support/server.js";

/** The events the service reports (DESIGN.md: an event sink), as metrics and the audit trail get them. */
const events: ServiceEvent[] = [];
let f: PoolFixture;
beforeAll(async () => {
  f = await startPoolFixture({
    allowClassicFlow: true,
    server: { eventSinks: [{ emit: (e) => events.push(e) }] },
  });
});
afterAll(async () => {
  await f?.stop();
});

const ofType = <T extends ServiceEvent["type"]>(type: T) =>
  events.filter((e): e is Extract<ServiceEvent, { type: T }> => e.type === type);

describe("service events", () => {
  it("reports a refused login with its pool, logins key, rule and reason, and only a digest of the token", async () => {
    const token = await f.idp.issueToken({ sub: "x", aud: "someone-else" });
    await errorOf(() =>
      f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { [f.idp.loginsKey]: token } })),
    );
    const refused = ofType("login_refused").at(-1);
    expect(refused).toMatchObject({
      poolId: f.poolId,
      loginsKey: f.idp.loginsKey,
      rule: "audience",
      reason: "audience_mismatch",
    });
    expect(refused?.tokenDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(events)).not.toContain(token.split(".")[2]);
  });

  it("reports a new identity, credentials and an OpenID token once each, with the logins keys", async () => {
    const Logins = { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "events-user" }) };
    const { IdentityId } = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
    expect(ofType("identity_created").filter((e) => e.identityId === IdentityId)).toHaveLength(1);
    await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
    expect(ofType("identity_created").filter((e) => e.identityId === IdentityId)).toHaveLength(1);
    const { Credentials } = await f.server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    expect(ofType("credentials_issued").at(-1)).toEqual({
      type: "credentials_issued",
      poolId: f.poolId,
      identityId: IdentityId,
      loginsKeys: [f.idp.loginsKey],
      roleArn: f.authRoleArn,
      expiresAtMs: Credentials?.Expiration?.getTime(),
    });
    await f.server.cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    expect(ofType("openid_token_issued").at(-1)).toMatchObject({
      poolId: f.poolId,
      identityId: IdentityId,
      loginsKeys: [f.idp.loginsKey],
    });
  });

  it("reports every call with its outcome, the signer, the source address and the resource", async () => {
    await f.server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
    const listed = ofType("request")
      .filter((e) => e.operation === "ListIdentityPools")
      .at(-1);
    expect(listed).toMatchObject({ service: "cognito-identity", outcome: "ok", resource: undefined });
    expect(listed?.principal?.accessKeyId).toBe(TEST_ROOT.accessKeyId);
    expect(listed?.sourceAddress).toMatch(/127\.0\.0\.1/);
    expect(listed?.durationMs).toBeGreaterThan(0);
    await errorOf(() =>
      f.server.cognito.send(new GetIdCommand({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-0000000000ff" })),
    );
    const missing = ofType("request")
      .filter((e) => e.operation === "GetId")
      .at(-1);
    expect(missing).toMatchObject({
      outcome: "ResourceNotFoundException",
      principal: undefined,
      resource: "us-east-1:00000000-0000-4000-8000-0000000000ff",
    });
  });
});
