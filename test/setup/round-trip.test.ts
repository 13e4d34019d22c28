import { GetRoleCommand, NoSuchEntityException } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiCaller,
  ApiError,
  applySetup,
  describeSummary,
  exportSetup,
  httpCaller,
  parseSetup,
  registryCaller,
  SetupError,
} from "../../src/setup/index.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";
import { ACCOUNT, lineOf, POOL_ID, setupYaml } from "./fixture.js";
import { registryOver, silent } from "./registry.js";

describe("setup export", () => {
  let a: TestServer;
  let b: TestServer;
  const http = (server: TestServer): ApiCaller =>
    httpCaller({ endpoint: server.url, region: "us-east-1", credentials: TEST_ROOT });
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestServer(), startTestServer()]);
    await applySetup(http(a), parseSetup("setup.yaml", setupYaml()));
  });
  afterAll(() => Promise.all([a.stop(), b.stop()]));

  it("writes the state as a setup file that, applied to an empty store, exports the same text", async () => {
    const first = await exportSetup(http(a));
    expect(first).not.toContain("idpool:setup");
    expect(first).toContain(`id: ${POOL_ID}`);
    // YAML 1.1 readers would take 2012-10-17 for a date: it is quoted.
    expect(first).toContain('Version: "2012-10-17"');
    const summary = await applySetup(http(b), parseSetup("export.yaml", first));
    expect(summary.created).toHaveLength(4);
    expect(await exportSetup(http(b))).toBe(first);
    // The in-process caller reads the same state into the same text.
    const local = registryCaller(registryOver(b.app.store), silent, { accountId: ACCOUNT, accessKeyId: "setup" });
    expect(await exportSetup(local)).toBe(first);
  });

  it("writes JSON that applies as it reads: no changes on the store it came from", async () => {
    const json = await exportSetup(http(a), "json");
    expect(JSON.parse(json)).toEqual(parseSetup("export.yaml", await exportSetup(http(a))).setup);
    expect(describeSummary(await applySetup(http(a), parseSetup("export.json", json)))).toBe(
      "no changes (4 unchanged)",
    );
  });
});

describe("a field the operations refuse", () => {
  let server: TestServer;
  let callers: Record<string, ApiCaller>;
  beforeAll(async () => {
    server = await startTestServer();
    callers = {
      http: httpCaller({ endpoint: server.url, region: "us-east-1", credentials: TEST_ROOT }),
      registry: registryCaller(registryOver(server.app.store), silent, { accountId: ACCOUNT, accessKeyId: "setup" }),
    };
    await applySetup(callers.http as ApiCaller, parseSetup("setup.yaml", setupYaml({ withAdmin: false })));
  });
  afterAll(() => server.stop());

  it.each(["http", "registry"])(
    "through the %s caller: names the file path and line, and leaves nothing half-written",
    async (name) => {
      const caller = callers[name] as ApiCaller;
      const before = await exportSetup(caller);
      const claim = "c".repeat(65);
      // A new role (written first) and an updated pool whose third rule's claim is one character too long.
      const text = setupYaml({ withAdmin: true, claim, extraRole: "Extra" });
      const error = await applySetup(caller, parseSetup("setup.yaml", text)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SetupError);
      const path = 'identityPools[0].roleMappings["login.example.com"].rulesConfiguration.rules[2].claim';
      expect((error as SetupError).problems).toEqual([
        {
          path,
          line: lineOf(text, `claim: ${claim}`),
          message:
            `ValidationException: Value '${claim}' at 'roleMappings.login.example.com.member.rulesConfiguration.rules.3.member.claim' ` +
            "failed to satisfy constraint: Member must have length less than or equal to 64",
        },
      ]);
      expect((error as SetupError).message).toMatch(
        new RegExp(`^setup\\.yaml:${lineOf(text, `claim: ${claim}`)}: identityPools\\[0\\]\\.roleMappings`),
      );
      expect((error as SetupError).message).toContain("Nothing was changed: what this apply had written was put back.");
      for (const role of ["Extra", "PoolAdmin"]) {
        await expect(server.iam.send(new GetRoleCommand({ RoleName: role }))).rejects.toBeInstanceOf(
          NoSuchEntityException,
        );
      }
      expect(await exportSetup(caller)).toBe(before);
    },
  );

  it("reports other refusals at the resource entry: a malformed policy, a mapping of no configured provider", async () => {
    const base = setupYaml({ withAdmin: false });
    const malformed = base.replace(
      "  - name: PoolUser\n",
      "  - name: Broken\n    trustPolicy: not a policy\n  - name: PoolUser\n",
    );
    const first = await applySetup(callers.http as ApiCaller, parseSetup("setup.yaml", malformed)).catch(
      (e: unknown) => e,
    );
    expect((first as SetupError).problems).toMatchObject([
      {
        path: "roles[0]",
        line: lineOf(malformed, "name: Broken"),
        message: expect.stringMatching(/^MalformedPolicyDocument: /),
      },
    ]);
    const orphan = `${base}  - name: Orphan\n    allowUnauthenticatedIdentities: false\n    roleMappings:\n      other.example.com: { type: Token }\n`;
    const second = await applySetup(callers.registry as ApiCaller, parseSetup("setup.yaml", orphan)).catch(
      (e: unknown) => e,
    );
    expect((second as SetupError).problems).toMatchObject([
      {
        path: "identityPools[1]",
        line: lineOf(orphan, "name: Orphan"),
        message: expect.stringMatching(/^InvalidParameterException: /),
      },
    ]);
    // The pool created before SetIdentityPoolRoles refused is gone again.
    expect((await exportSetup(callers.http as ApiCaller)).includes("Orphan")).toBe(false);
  });

  it("IdpoolService.CreateIdentityPoolWithId answers ResourceConflictException for a taken id, over HTTP", async () => {
    const input = { IdentityPoolId: POOL_ID, IdentityPoolName: "again", AllowUnauthenticatedIdentities: true };
    const error = await (callers.http as ApiCaller)("idpool", "CreateIdentityPoolWithId", input).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "ResourceConflictException",
      message: `IdentityPool '${POOL_ID}' already exists.`,
    });
  });
});
