import {
  CreateIdentityPoolCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { freshDatabase } from "../support/postgres.js";
import { errorOf, startTestServer, type TestServer } from "../support/server.js";

/**
 * Control characters in what becomes an identity, and U+0000 anywhere: both engines answer the
 * same 400 before the store is reached (PostgreSQL cannot store U+0000; SQLite can).
 */
const DEV = "login.mycompany.myapp";
const postgres = inject("postgres");
const engines = postgres.available ? ["sqlite", "postgresql"] : ["sqlite"];

describe.each(engines)("control characters, on %s", (engine) => {
  let server: TestServer;
  let poolId: string;
  beforeAll(async () => {
    const databaseUrl = postgres.available && engine === "postgresql" ? await freshDatabase(postgres.url) : undefined;
    server = await startTestServer(databaseUrl ? { flags: { databaseUrl } } : {});
    const pool = await server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "Controls",
        AllowUnauthenticatedIdentities: false,
        DeveloperProviderName: DEV,
      }),
    );
    poolId = pool.IdentityPoolId ?? "";
  });
  afterAll(async () => {
    await server?.stop();
  });

  const validation = async (call: () => Promise<unknown>, path: string) => {
    const error = await errorOf(call);
    expect(error.name).toBe("ValidationException");
    expect(error.message).toContain(
      `at '${path}' failed to satisfy constraint: Member must not contain control characters`,
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
  };

  it("refuses them in developer user ids, in every operation that takes one", async () => {
    for (const user of ["alice\u0000", "bob\u0007", "tab\tbed", "c1\u0085"]) {
      await validation(
        () =>
          server.cognito.send(
            new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { [DEV]: user } }),
          ),
        `logins.${DEV}.member`,
      );
    }
    await validation(
      () =>
        server.cognito.send(
          new LookupDeveloperIdentityCommand({
            IdentityPoolId: poolId,
            DeveloperUserIdentifier: "a\u0000b",
            MaxResults: 1,
          }),
        ),
      "developerUserIdentifier",
    );
    await validation(
      () =>
        server.cognito.send(
          new MergeDeveloperIdentitiesCommand({
            IdentityPoolId: poolId,
            DeveloperProviderName: DEV,
            SourceUserIdentifier: "a\u0000",
            DestinationUserIdentifier: "b",
          }),
        ),
      "sourceUserIdentifier",
    );
    // A printable id still works, and is stored as sent.
    const ok = await server.cognito.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { [DEV]: "alice é" } }),
    );
    expect(ok.IdentityId).toMatch(/^us-east-1:/);
  });

  it("refuses U+0000 in any string, such as a tag or a role description, and keeps serving", async () => {
    await validation(
      () =>
        server.cognito.send(
          new CreateIdentityPoolCommand({
            IdentityPoolName: "Tagged",
            AllowUnauthenticatedIdentities: false,
            IdentityPoolTags: { "team\u0000": "x" },
          }),
        ),
      "identityPoolTags.key",
    );
    const role = await errorOf(() =>
      server.iam.send(
        new CreateRoleCommand({ RoleName: "Nul", AssumeRolePolicyDocument: "{}", Description: "a\u0000b" }),
      ),
    );
    expect(role.name).toBe("ValidationError");
    expect(role.message).toContain(
      "at 'description' failed to satisfy constraint: Member must not contain control characters",
    );
    const fine = await server.cognito.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: "Fine", AllowUnauthenticatedIdentities: false }),
    );
    expect(fine.IdentityPoolId).toMatch(/^us-east-1:/);
  });
});

describe.each(engines)("subjects of provider-signed tokens, on %s", (engine) => {
  let f: PoolFixture;
  beforeAll(async () => {
    const databaseUrl = postgres.available && engine === "postgresql" ? await freshDatabase(postgres.url) : undefined;
    f = await startPoolFixture(databaseUrl ? { server: { flags: { databaseUrl } } } : {});
  });
  afterAll(async () => {
    await f?.stop();
  });

  it("refuses a sub with a control character or over 255 characters, before the store", async () => {
    for (const sub of ["alice\u0000", "line\nbreak", "x".repeat(256), "y".repeat(10_000)]) {
      const token = await f.idp.issueToken({ sub });
      const error = await errorOf(() =>
        f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { [f.idp.loginsKey]: token } })),
      );
      expect([error.name, error.message]).toEqual([
        "NotAuthorizedException",
        "Invalid login token. Not a valid OpenId Connect identity token.",
      ]);
    }
    const longest = await f.idp.issueToken({ sub: "z".repeat(255) });
    const ok = await f.server.cognito.send(
      new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { [f.idp.loginsKey]: longest } }),
    );
    expect(ok.IdentityId).toMatch(/^us-east-1:/);
  });
});
