/**
 * The web console (console/) in a real browser: Debian's Chromium, headless, driven by
 * playwright-core (reference/toolchain.md §3; no browser is downloaded), against idpool dev
 * in-process with known root credentials, the console served by idpool itself at /console/. It
 * signs in, creates an OpenID Connect provider, a role and a pool through the UI and checks them
 * with the SDK, edits a role mapping, tests a valid and a refused token, finds an identity and
 * deletes one, rotates a key, deletes what it made, and screenshots every page at 1280×800 and
 * 390×844 (test-output/console/). Its requests are SigV4-signed, and a tampered one is refused.
 *
 * When Chromium is missing the suite is skipped with a line saying so, unless CI (or
 * IDPOOL_TEST_REQUIRE_BROWSER=1, which .ci/run sets) requires it: then it fails.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  CognitoIdentityClient,
  DescribeIdentityCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import {
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
} from "@aws-sdk/client-iam";
import { type Browser, type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callIdpool } from "../../console/src/signing.js";
import { DEV_POOL_GUID, type RunningApp, startApp } from "../../src/app/index.js";
import { createLogger } from "../../src/app/logger.js";
import { loadDevConfig } from "../../src/config/index.js";
import { browserAvailable, browserRequired, CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from "../support/chromium.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";
import { TEST_ROOT } from "../support/server.js";

const DEV_POOL = `us-east-1:${DEV_POOL_GUID}`;
const CONSOLE_DIR = fileURLToPath(new URL("../../console/", import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL("../../test-output/console/", import.meta.url));
const DOCS_PNG = fileURLToPath(new URL("../../docs/console.png", import.meta.url));
const VIEWPORTS = { wide: { width: 1280, height: 800 }, narrow: { width: 390, height: 844 } } as const;

if (!browserAvailable && !browserRequired) {
  process.stdout.write(`Browser: skipping the web console's test (test/console/console.test.ts): ${chromiumMissing}\n`);
}

describe.runIf(!browserAvailable && browserRequired)("the web console in Chromium", () => {
  it("needs Chromium", () => {
    throw new Error(`CI or IDPOOL_TEST_REQUIRE_BROWSER requires the browser test, but ${chromiumMissing}`);
  });
});

/**
 * How far the page is wider than the window, and what sticks out: what scrolls inside its own box
 * (the page list, tables) may be wider; nothing else. (Run in the page: a string, since this
 * file is type-checked without the DOM.)
 */
const OVERFLOW = `(() => {
  const wide = [...document.querySelectorAll("body *")]
    .filter((e) => !e.closest("nav ul, .table-wrap") && e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map((e) => e.tagName.toLowerCase() + "." + e.className + " " + (e.textContent ?? "").slice(0, 30));
  for (const e of document.querySelectorAll("body *"))
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible")
      wide.push("inner " + e.tagName.toLowerCase() + "." + e.className + " " + (e.textContent ?? "").slice(0, 30));
  return { by: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 15) };
})()`;

interface Watched {
  readonly requests: Request[];
  readonly problems: string[];
}

function watch(page: Page): Watched {
  const requests: Request[] = [];
  const problems: string[] = [];
  page.on("request", (r) => requests.push(r));
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // An API refusal the page shows on purpose is a failed fetch, which Chromium also logs.
    if (message.type() === "error" && !/status of 4\d\d|favicon/.test(message.text()))
      problems.push(`console error: ${message.text()}`);
  });
  return { requests, problems };
}

describe.runIf(browserAvailable)("the web console in Chromium", () => {
  let dataDir: string;
  let app: RunningApp;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watched: Watched;
  let cognito: CognitoIdentityClient;
  let iam: IAMClient;
  let loginsKey: string;
  let idp: TestOidcProvider;
  const made: { providerArn?: string | undefined; poolId?: string | undefined } = {};

  const shot = async (name: string) => {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };
  const heading = (name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();
  const go = async (hash: string, title: string | RegExp) => {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    await heading(title);
  };
  const confirm = (action: string) =>
    page.getByRole("dialog").getByRole("button", { name: action, exact: true }).click();
  const mint = async (body: Record<string, unknown>): Promise<string> => {
    const res = await fetch(`${app.url}/dev/idp/dev/mint`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return String(((await res.json()) as Record<string, unknown>).id_token);
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [join(CONSOLE_DIR, "build.mjs")], { stdio: "pipe" });
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "idpool-console-test-"));
    const { config } = loadDevConfig(
      { port: "0", dataDir },
      { IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId, IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey },
    );
    app = await startApp({
      config,
      log: createLogger("silent", new Writable({ write: (_c, _e, done) => done() })),
      dev: {},
    });
    origin = new URL(app.url).origin;
    // A test OpenID provider over HTTPS (test CA), for the certificate chains idpool thumbprint shows.
    idp = await startTestOidcProvider();
    loginsKey = `${new URL(app.url).host}/dev/idp/dev`;
    const clientConfig = { endpoint: app.url, region: "us-east-1", credentials: TEST_ROOT, maxAttempts: 1 };
    cognito = new CognitoIdentityClient(clientConfig);
    iam = new IAMClient(clientConfig);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: VIEWPORTS.wide });
    page = await context.newPage();
    watched = watch(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    cognito?.destroy();
    iam?.destroy();
    await app?.stop();
    await idp?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("GET / leads to the console, which refuses a wrong key with the API's error and signs in with the right one", async () => {
    const response = await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe("/console/");
    expect(response?.headers()["content-security-policy"]).toContain("connect-src 'self'");
    await page.getByLabel("Access key ID").fill("AKIANOTAKEY000000000");
    await page.getByLabel("Secret access key").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").filter({ hasText: /\w+: / }).first().textContent())
      .toMatch(/InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|NotAuthorized|AccessDenied/);
    await shot("sign-in-refused-wide");
    await page.getByLabel("Access key ID").fill(TEST_ROOT.accessKeyId);
    await page.getByLabel("Secret access key").fill(TEST_ROOT.secretAccessKey);
    await page.getByLabel("Secret access key").press("Enter");
    await heading("Identity pools");
    expect(await page.locator("header .who").textContent()).toContain("arn:aws:iam::000000000000:");
    const stored = await page.evaluate("Object.keys(sessionStorage)");
    expect(stored).toEqual(["idpool-console-session"]);
    expect(await page.evaluate("Object.keys(localStorage)")).toEqual([]);
  }, 60_000);

  it("creates an OpenID Connect provider, a role and a pool through the UI, as the SDK then reads them", async () => {
    // Provider.
    await page.getByRole("link", { name: "OpenID Connect providers" }).click();
    await heading("OpenID Connect providers");
    await page.getByLabel("Provider URL").fill("https://login.console.example");
    await page.getByLabel("Client ids").fill("console-app");
    await page.getByLabel("Thumbprints").fill("990f4193972f2becf12ddeda5237f9c952f20d9e");
    await page.getByLabel("Tags").fill("team=console");
    await page.getByRole("button", { name: "Create provider" }).click();
    await heading("login.console.example");
    const { OpenIDConnectProviderList = [] } = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    made.providerArn = OpenIDConnectProviderList.map((p) => p.Arn ?? "").find((a) =>
      a.endsWith("/login.console.example"),
    );
    expect(made.providerArn).toBeTruthy();
    const provider = await iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: made.providerArn }),
    );
    expect(provider.ClientIDList).toEqual(["console-app"]);
    expect(provider.ThumbprintList).toEqual(["990f4193972f2becf12ddeda5237f9c952f20d9e"]);
    expect(provider.Tags).toEqual([{ Key: "team", Value: "console" }]);
    await page.getByLabel("New client id").fill("second-app");
    await page.getByRole("button", { name: "Add client id" }).click();
    await page.getByRole("button", { name: "Remove second-app" }).waitFor();
    expect(
      (await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: made.providerArn })))
        .ClientIDList,
    ).toEqual(["console-app", "second-app"]);
    expect(await page.getByText("needs a server operation idpool does not have yet").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Show certificate chains" }).count()).toBe(1);

    // Role: a JSON error is reported at its line before any call, the API's error beside the field.
    await page.getByRole("link", { name: "Roles" }).click();
    await heading("Roles");
    await page.getByLabel("Role name").fill("ConsoleRole");
    const trust = page.getByLabel("Trust policy");
    await trust.fill('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}');
    await page.getByRole("button", { name: "Create role" }).click();
    await expect
      .poll(() => page.locator(".field-error:visible").first().textContent())
      .toMatch(/^Not valid JSON: line 3, column/);
    await shot("role-json-error-wide");
    await trust.fill('{"Version": "2012-10-17", "Statement": "nope"}');
    await page.getByRole("button", { name: "Create role" }).click();
    await expect
      .poll(() => page.locator(".field-error:visible").allTextContents(), { timeout: 5000 })
      .toEqual([expect.stringContaining("MalformedPolicyDocument")]);
    await trust.fill(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: "cognito-identity.amazonaws.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
          },
        ],
      }),
    );
    await page.getByRole("button", { name: "Create role" }).click();
    await heading("ConsoleRole");
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: "ConsoleRole" }));
    expect(Role?.Arn).toBe("arn:aws:iam::000000000000:role/ConsoleRole");
    await page.getByLabel("New policy name").fill("read");
    await page.getByRole("button", { name: "Add inline policy" }).click();
    await page.getByRole("button", { name: "Save read" }).waitFor();

    // Pool, then its settings: the provider, tags.
    await page.getByRole("link", { name: "Identity pools" }).click();
    await heading("Identity pools");
    await page.getByLabel("Pool name").fill("ConsolePool");
    await page.getByRole("button", { name: "Create pool" }).click();
    await heading("ConsolePool");
    made.poolId = decodeURIComponent(new URL(page.url()).hash.replace("#/pools/", ""));
    expect(made.poolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    await page.getByLabel(made.providerArn!).check();
    await page.getByLabel("Tags").fill("owner=console");
    await page.getByLabel("Allow guest (unauthenticated) identities").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved.").waitFor();
    const pool = await cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: made.poolId }));
    expect(pool.OpenIdConnectProviderARNs).toEqual([made.providerArn]);
    expect(pool.IdentityPoolTags).toEqual({ owner: "console" });
    expect(pool.AllowUnauthenticatedIdentities).toBe(true);
  }, 90_000);

  it("edits the pool's roles and a role mapping with rules", async () => {
    await page.reload();
    await heading("ConsolePool");
    await page.getByLabel("Authenticated role").selectOption("arn:aws:iam::000000000000:role/ConsoleRole");
    await page.getByRole("button", { name: "Add mapping" }).click();
    await page.getByLabel("Logins key").fill("login.console.example");
    await page.getByLabel("Type").selectOption("Rules");
    await page.getByLabel("Rule 1 claim").fill("groups");
    await page.getByLabel("Rule 1 match type").selectOption("Contains");
    await page.getByLabel("Rule 1 value").fill("admin");
    await page.getByLabel("Rule 1 role").selectOption("arn:aws:iam::000000000000:role/ConsoleRole");
    await page.getByLabel("When no rule or several roles match").selectOption("Deny");
    await page.getByRole("button", { name: "Save roles" }).click();
    await page.getByText("Roles and mappings saved.").waitFor();
    await shot("pool-wide");
    const roles = await cognito.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: made.poolId }));
    expect(roles.Roles).toEqual({ authenticated: "arn:aws:iam::000000000000:role/ConsoleRole" });
    expect(roles.RoleMappings).toEqual({
      "login.console.example": {
        Type: "Rules",
        AmbiguousRoleResolution: "Deny",
        RulesConfiguration: {
          Rules: [
            {
              Claim: "groups",
              MatchType: "Contains",
              Value: "admin",
              RoleARN: "arn:aws:iam::000000000000:role/ConsoleRole",
            },
          ],
        },
      },
    });
  }, 60_000);

  it("tests a valid token and a refused one, naming the failing rule; the refusal is listed", async () => {
    await page.getByRole("link", { name: "Test a token" }).click();
    await heading("Test a token");
    await page.getByLabel("Identity pool").selectOption(DEV_POOL);
    await page.getByLabel("Logins key").fill(loginsKey);
    await page.getByLabel("ID token").fill(await mint({ sub: "alice" }));
    await page.getByRole("button", { name: "Test token" }).click();
    await expect.poll(() => page.getByTestId("verdict").textContent()).toMatch(/^Accepted/);
    await page.getByLabel("ID token").fill(await mint({ sub: "alice", break: "audience" }));
    await page.getByRole("button", { name: "Test token" }).click();
    await expect.poll(() => page.getByTestId("verdict").textContent()).toMatch(/^Refused.*failing rule: \S+/);
    const failing = await page.locator(".check.fail").count();
    expect(failing).toBeGreaterThan(0);
    await shot("token-wide");

    // A real refusal (GetId with a broken token) shows on the Recent refusals page.
    const broken = await mint({ sub: "bob", break: "expired" });
    await expect(
      cognito.send(new GetIdCommand({ IdentityPoolId: DEV_POOL, Logins: { [loginsKey]: broken } })),
    ).rejects.toThrow();
    await page.getByRole("link", { name: "Recent refusals" }).click();
    await heading("Recent refusals");
    await expect.poll(() => page.getByRole("table").textContent()).toContain(loginsKey);
    expect(await page.getByRole("table").textContent()).toContain(DEV_POOL);
  }, 60_000);

  it("finds an identity by its id and shows its linked logins and dates", async () => {
    const { IdentityId } = await cognito.send(
      new GetIdCommand({ IdentityPoolId: DEV_POOL, Logins: { [loginsKey]: await mint({ sub: "carol" }) } }),
    );
    await go(`#/identities/${encodeURIComponent(DEV_POOL)}`, "Identities");
    await expect.poll(() => page.getByRole("table", { name: "Identities" }).textContent()).toContain(IdentityId);
    await page.getByLabel("Identity id").fill(IdentityId ?? "");
    await page.getByRole("button", { name: "Find identity" }).click();
    await expect.poll(() => page.getByTestId("identity-logins").textContent()).toBe(loginsKey);
    expect(await page.getByTestId("identity-id").textContent()).toBe(IdentityId);
    await shot("identities-wide");
  }, 60_000);

  it("deletes an identity from its detail after a confirmation; DescribeIdentity then finds none", async () => {
    const { IdentityId = "" } = await cognito.send(
      new GetIdCommand({ IdentityPoolId: DEV_POOL, Logins: { [loginsKey]: await mint({ sub: "dave" }) } }),
    );
    // From another page, so that the list is loaded again (the last test left this very hash).
    await page.getByRole("link", { name: "Signing keys" }).click();
    await heading("Signing keys");
    await go(`#/identities/${encodeURIComponent(DEV_POOL)}`, "Identities");
    await expect.poll(() => page.getByRole("table", { name: "Identities" }).textContent()).toContain(IdentityId);
    await page.getByLabel("Identity id").fill(IdentityId);
    await page.getByRole("button", { name: "Find identity" }).click();
    await expect.poll(() => page.getByTestId("identity-id").textContent()).toBe(IdentityId);
    await page.getByRole("button", { name: "Delete identity" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    expect((await cognito.send(new DescribeIdentityCommand({ IdentityId }))).IdentityId).toBe(IdentityId);
    await page.getByRole("button", { name: "Delete identity" }).click();
    await confirm("Delete identity");
    await page.getByText(`Deleted ${IdentityId}.`).waitFor();
    await expect(cognito.send(new DescribeIdentityCommand({ IdentityId }))).rejects.toThrow(
      expect.objectContaining({ name: "ResourceNotFoundException" }),
    );
    await expect.poll(() => page.getByRole("table", { name: "Identities" }).textContent()).not.toContain(IdentityId);
  }, 60_000);

  it("rotates the signing key after a confirmation, as ListSigningKeys then says", async () => {
    const target = { endpoint: origin, region: "us-east-1", credentials: TEST_ROOT };
    const before = (await callIdpool(target, "ListSigningKeys")).Keys as { KeyId: string; Current: boolean }[];
    await page.getByRole("link", { name: "Signing keys" }).click();
    await heading("Signing keys");
    await page.getByRole("button", { name: "Rotate signing key" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    expect(((await callIdpool(target, "ListSigningKeys")).Keys as unknown[]).length).toBe(before.length);
    await page.getByRole("button", { name: "Rotate signing key" }).click();
    await confirm("Rotate");
    await page.getByText(/^Rotated: the current key is /).waitFor();
    const after = (await callIdpool(target, "ListSigningKeys")).Keys as { KeyId: string; Current: boolean }[];
    expect(after.length).toBe(before.length + 1);
    const current = after.find((k) => k.Current)?.KeyId ?? "";
    expect(before.map((k) => k.KeyId)).not.toContain(current);
    expect(await page.getByRole("table", { name: "Signing keys" }).textContent()).toContain(current);
  }, 60_000);

  it("shows an HTTPS provider's certificate chains on the create form and adds a thumbprint to the list", async () => {
    await go("#/providers", "OpenID Connect providers");
    const intermediate = idp.ca.intermediate.thumbprint.toLowerCase();
    // A bad URL: the API's error beside the URL field.
    await page.getByLabel("Provider URL").fill("http://not-tls.example");
    await page.getByRole("button", { name: "Show certificate chains" }).click();
    await expect
      .poll(() => page.locator(".field-error:visible").first().textContent())
      .toContain("Invalid Open ID Connect Provider URL");
    await page.getByLabel("Provider URL").fill(idp.url);
    await page.getByLabel("Thumbprints").fill("");
    await page.getByRole("button", { name: "Show certificate chains" }).click();
    await page.getByRole("heading", { level: 3, name: /^jwks_uri host: https:/ }).waitFor();
    expect(await page.getByRole("heading", { level: 3, name: /^discovery host: https:/ }).count()).toBe(1);
    const row = page.getByRole("row").filter({ hasText: intermediate }).first();
    expect(await row.textContent()).toContain(intermediate);
    await row.getByRole("button", { name: "Use this thumbprint" }).click();
    expect(await page.getByLabel("Thumbprints").inputValue()).toBe(intermediate);
    // Twice is still once.
    await row.getByRole("button", { name: "Use this thumbprint" }).click();
    expect(await page.getByLabel("Thumbprints").inputValue()).toBe(intermediate);
    await shot("provider-chains-wide");
    expect(watched.problems).toEqual([]);
  }, 60_000);

  it("screenshots every page at 1280×800 and at 390×844, with nothing wider than the window", async () => {
    const pages: [string, string, string | RegExp][] = [
      ["pools", "#/pools", "Identity pools"],
      ["pool", `#/pools/${encodeURIComponent(made.poolId ?? "")}`, "ConsolePool"],
      ["providers", "#/providers", "OpenID Connect providers"],
      ["provider", `#/providers/${encodeURIComponent(made.providerArn ?? "")}`, "login.console.example"],
      ["roles", "#/roles", "Roles"],
      ["role", "#/roles/ConsoleRole", "ConsoleRole"],
      ["identities", `#/identities/${encodeURIComponent(DEV_POOL)}`, "Identities"],
      ["keys", "#/keys", "Signing keys"],
      ["token", "#/token", "Test a token"],
      ["refusals", "#/refusals", "Recent refusals"],
    ];
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      for (const [name, hash, title] of pages) {
        await go(hash, title);
        await shot(`${name}-${size}`);
        const overflow = await page.evaluate(OVERFLOW);
        expect([name, size, overflow]).toEqual([name, size, { by: 0, wide: [] }]);
        if (name === "pool" && size === "wide") {
          await page.screenshot({ path: DOCS_PNG });
          expect(statSync(DOCS_PNG).size).toBeLessThan(150 * 1024);
        }
      }
    }
    await page.setViewportSize(VIEWPORTS.wide);
  }, 120_000);

  it("sends SigV4-signed calls only to idpool, never the secret, and a tampered call is refused", async () => {
    const calls = watched.requests.filter((r) => r.method() === "POST");
    expect(calls.length).toBeGreaterThan(10);
    for (const r of watched.requests) expect(new URL(r.url()).origin).toBe(origin);
    for (const r of calls) {
      expect(r.url()).toBe(`${origin}/`);
      expect(r.headers().authorization ?? "").toMatch(
        /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/[a-z-]+\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
      );
      expect(JSON.stringify(r.headers()) + (r.postData() ?? "")).not.toContain(TEST_ROOT.secretAccessKey);
    }
    const services = new Set(calls.map((r) => /\/us-east-1\/([a-z-]+)\//.exec(r.headers().authorization ?? "")?.[1]));
    expect([...services].sort()).toEqual(["cognito-identity", "iam", "idpool", "sts"]);

    // Replay the console's own DiagnoseToken-free read, as sent and then tampered with.
    const sample = calls.filter((r) => r.headers()["x-amz-target"] === "IdpoolService.ListRecentRefusals").at(-1);
    expect(sample).toBeTruthy();
    const headers = { ...(await sample!.allHeaders()) };
    for (const name of Object.keys(headers))
      if (name.startsWith(":") || name === "host" || name === "content-length") delete headers[name];
    const as = (target: string, body: string) =>
      fetch(`${origin}/`, { method: "POST", headers: { ...headers, "x-amz-target": target }, body });
    const replayed = await as("IdpoolService.ListRecentRefusals", sample!.postData() ?? "");
    expect(replayed.status).toBe(200);
    const tamperedTarget = await as("IdpoolService.RotateSigningKey", sample!.postData() ?? "");
    expect(tamperedTarget.status).toBe(400);
    expect(await tamperedTarget.text()).toContain("InvalidSignatureException");
    const tamperedBody = await as("IdpoolService.ListRecentRefusals", '{"x":1}');
    expect(tamperedBody.status).toBe(400);
    expect(await tamperedBody.text()).toContain("InvalidSignatureException");
  }, 60_000);

  it("deletes what it made, each after a confirmation, as the SDK then finds", async () => {
    // The pool: Cancel keeps it, Delete deletes it.
    await go(`#/pools/${encodeURIComponent(made.poolId ?? "")}`, "ConsolePool");
    await page.getByRole("button", { name: "Delete pool" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: made.poolId }));
    await page.getByRole("button", { name: "Delete pool" }).click();
    await confirm("Delete pool");
    await heading("Identity pools");
    const { IdentityPools = [] } = await cognito.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    expect(IdentityPools.map((p) => p.IdentityPoolId)).not.toContain(made.poolId);

    await go("#/roles/ConsoleRole", "ConsoleRole");
    await page.getByRole("button", { name: "Delete role" }).click();
    await confirm("Delete role");
    await heading("Roles");
    const { Roles = [] } = await iam.send(new ListRolesCommand({}));
    expect(Roles.map((r) => r.RoleName)).not.toContain("ConsoleRole");

    await go(`#/providers/${encodeURIComponent(made.providerArn ?? "")}`, "login.console.example");
    await page.getByRole("button", { name: "Delete provider" }).click();
    await confirm("Delete provider");
    await heading("OpenID Connect providers");
    const { OpenIDConnectProviderList = [] } = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(OpenIDConnectProviderList.map((p) => p.Arn)).not.toContain(made.providerArn);
  }, 60_000);

  it("is usable from the keyboard, and Sign out forgets the key", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.evaluate("Object.keys(sessionStorage)")).toEqual([]);
    await page.reload();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await shot("sign-in-wide");
    await page.setViewportSize(VIEWPORTS.narrow);
    await shot("sign-in-narrow");
    await page.setViewportSize(VIEWPORTS.wide);
    // Tab through the form, typing, and Enter signs in.
    await page.locator("body").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.type(TEST_ROOT.accessKeyId);
    await page.keyboard.press("Tab");
    await page.keyboard.type(TEST_ROOT.secretAccessKey);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.value")).toBe("us-east-1");
    await page.keyboard.press("Enter");
    await heading("Identity pools");
    expect(watched.problems).toEqual([]);
  }, 60_000);
});
