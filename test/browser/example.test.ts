/**
 * The browser example (examples/browser/) in a real browser: Debian's Chromium, headless, driven by
 * playwright-core (reference/toolchain.md §3, "Chromium"; no browser is downloaded). idpool dev runs
 * in-process on 127.0.0.1; the page is served from a DIFFERENT origin (localhost, another port), so
 * every call it makes to idpool (discovery, token, Cognito Identity) is cross-origin and only works
 * because idpool answers with CORS headers. Then once more from idpool itself at /dev/example/.
 *
 * When Chromium is missing the test is skipped with a line saying so, unless CI (or
 * IDPOOL_TEST_REQUIRE_BROWSER=1, which .ci/run sets) requires it: then it fails.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { CognitoIdentityClient, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_POOL_GUID, type RunningApp, startApp } from "../../src/app/index.js";
import { createLogger } from "../../src/app/logger.js";
import { loadDevConfig } from "../../src/config/index.js";
import { browserAvailable, browserRequired, CHROMIUM, CHROMIUM_ARGS, chromiumMissing } from "../support/chromium.js";

const POOL = `us-east-1:${DEV_POOL_GUID}`;
const EXAMPLE_DIR = fileURLToPath(new URL("../../examples/browser/", import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL("../../test-output/browser/", import.meta.url));

if (!browserAvailable && !browserRequired) {
  process.stdout.write(
    `Browser: skipping the browser example's test (test/browser/example.test.ts): ${chromiumMissing}\n`,
  );
}

describe.runIf(!browserAvailable && browserRequired)("the browser example in Chromium", () => {
  it("needs Chromium", () => {
    throw new Error(`CI or IDPOOL_TEST_REQUIRE_BROWSER requires the browser test, but ${chromiumMissing}`);
  });
});

/** The page's files, served as any static server would, from another origin than idpool's. */
const STATIC: Readonly<Record<string, [string, string]>> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/index.html": ["index.html", "text/html; charset=utf-8"],
  "/example.css": ["example.css", "text/css; charset=utf-8"],
  "/dist/app.js": ["dist/app.js", "text/javascript; charset=utf-8"],
};

async function startStaticServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://static.invalid").pathname;
    const file = STATIC[path];
    if (!file || req.method !== "GET") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    res.writeHead(200, { "content-type": file[1], "cache-control": "no-store" });
    res.end(readFileSync(join(EXAMPLE_DIR, file[0])));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no port");
  return { server, port: address.port };
}

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly type: string;
  readonly status: number;
  readonly origin: string | null;
  readonly allowOrigin: string | null;
}

/** Every request the page makes, with the Origin it sent and the Access-Control-Allow-Origin it got. */
function watch(page: Page): { seen: Seen[]; problems: string[] } {
  const seen: Seen[] = [];
  const problems: string[] = [];
  page.on("response", (response) => {
    const request = response.request();
    void Promise.all([request.headerValue("origin"), response.headerValue("access-control-allow-origin")]).then(
      ([origin, allowOrigin]) =>
        seen.push({
          method: request.method(),
          url: request.url(),
          type: request.resourceType(),
          status: response.status(),
          origin,
          allowOrigin,
        }),
    );
  });
  page.on("requestfailed", (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return { seen, problems };
}

/** Click the example's sign-in button, sign in as `user` on the test provider's page, and wait to be back. */
async function signInAs(page: Page, user: string, idpoolOrigin: string, screenshot: string): Promise<void> {
  await page.getByRole("button", { name: "Sign in with the test provider" }).click();
  await page.waitForURL((url) => url.origin === idpoolOrigin && url.pathname === "/dev/idp/dev/authorize");
  await page.getByLabel("User", { exact: true }).fill(user);
  await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** What the page shows once signed in. */
async function shown(page: Page): Promise<{ identityId: string; expiration: Date; accessKeyId: string }> {
  const identity = page.getByTestId("identity-id");
  const error = page.locator("#error");
  await Promise.race([
    identity.filter({ hasText: /^us-east-1:/ }).waitFor(),
    error.waitFor({ state: "visible" }).then(async () => {
      throw new Error(`the page shows an error: ${await error.textContent()}`);
    }),
  ]);
  return {
    identityId: (await identity.textContent()) ?? "",
    accessKeyId: (await page.getByTestId("access-key-id").textContent()) ?? "",
    expiration: new Date((await page.getByTestId("expiration").getAttribute("datetime")) ?? ""),
  };
}

describe.runIf(browserAvailable)("the browser example in Chromium", () => {
  const accessLines: { method?: string; path?: string; status?: number }[] = [];
  let dataDir: string;
  let app: RunningApp;
  let idpoolOrigin: string;
  let other: { server: Server; port: number };
  let browser: Browser;

  beforeAll(async () => {
    // The bundle, fresh from the sources (npm install built it too; this keeps the test honest).
    execFileSync(process.execPath, [join(EXAMPLE_DIR, "build.mjs")], { stdio: "pipe" });
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "idpool-browser-test-"));
    const { config } = loadDevConfig({ port: "0", dataDir }, {});
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split("\n"))
          if (line.includes('"msg":"request"')) accessLines.push(JSON.parse(line));
        done();
      },
    });
    app = await startApp({ config, log: createLogger("info", sink), dev: {} });
    idpoolOrigin = new URL(app.url).origin;
    other = await startStaticServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (other ? other.server.close(resolve) : resolve(undefined)));
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("signs in from another origin (code + PKCE) and shows the identity id and the credentials' expiry", async () => {
    const pageOrigin = `http://localhost:${other.port}`;
    expect(pageOrigin).not.toBe(idpoolOrigin);
    const query = new URLSearchParams({ endpoint: idpoolOrigin, pool: POOL, provider: "dev", client: "dev-client" });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const { seen, problems } = watch(page);
      await page.goto(`${pageOrigin}/?${query}`);
      await expect
        .poll(() => page.getByTestId("setting-logins-key").textContent())
        .toBe(`${new URL(idpoolOrigin).host}/dev/idp/dev`);
      await page.screenshot({ path: join(SCREENSHOTS, "cross-origin-start.png"), fullPage: true });
      const started = Date.now();
      await signInAs(page, "alice", idpoolOrigin, "cross-origin-login-page.png");
      const result = await shown(page);
      await page.screenshot({ path: join(SCREENSHOTS, "cross-origin-signed-in.png"), fullPage: true });

      expect(result.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
      expect(result.accessKeyId).toMatch(/^ASIA/);
      const minutes = (result.expiration.getTime() - started) / 60_000;
      expect(minutes).toBeGreaterThan(55);
      expect(minutes).toBeLessThan(65);
      // The address bar is the page again with its settings, without the code and state.
      expect(page.url()).toBe(`${pageOrigin}/?${query}`);

      // It is alice's identity: the same id the SDK gets in Node for a token minted for alice.
      const minted = await fetch(`${app.url}/dev/idp/dev/mint`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ sub: "alice" }),
      });
      const token = String(((await minted.json()) as Record<string, unknown>).id_token);
      const cognito = new CognitoIdentityClient({ endpoint: app.url, region: "us-east-1", maxAttempts: 1 });
      try {
        const loginsKey = `${new URL(app.url).host}/dev/idp/dev`;
        const { IdentityId } = await cognito.send(
          new GetIdCommand({ IdentityPoolId: POOL, Logins: { [loginsKey]: token } }),
        );
        expect(IdentityId).toBe(result.identityId);
      } finally {
        cognito.destroy();
      }

      // CORS, proven by the browser: the page's calls to idpool went out with the page's Origin and
      // came back with Access-Control-Allow-Origin, which Chromium requires before it lets the page
      // read an answer; the Cognito calls (application/x-amz-json-1.1, x-amz-* headers) were
      // preflighted with OPTIONS first.
      const fetches = seen.filter((s) => s.type === "fetch" && s.url.startsWith(idpoolOrigin));
      const paths = fetches.map((s) => `${s.method} ${new URL(s.url).pathname}`);
      expect(paths).toEqual(
        expect.arrayContaining([
          "GET /dev/idp/dev/.well-known/openid-configuration",
          "POST /dev/idp/dev/token",
          "POST /",
        ]),
      );
      expect(paths.filter((p) => p === "POST /")).toHaveLength(2); // GetId, GetCredentialsForIdentity
      for (const s of fetches) {
        expect([s.url, s.origin]).toEqual([s.url, pageOrigin]);
        expect([s.url, s.allowOrigin]).toEqual([s.url, "*"]);
      }
      expect(problems).toEqual([]);
      expect(accessLines).toContainEqual(expect.objectContaining({ method: "OPTIONS", path: "/", status: 200 }));
      // ... and the browser does enforce CORS between these origins: an idpool answer without
      // Access-Control-Allow-Origin (the example page itself) cannot be read from this page.
      const control = await page.evaluate(async (url) => {
        try {
          await fetch(url);
          return "read";
        } catch (error) {
          return String(error);
        }
      }, `${idpoolOrigin}/dev/example/`);
      expect(control).toMatch(/^TypeError/);

      // It fetched nothing but its own files and idpool (no CDN, no fonts).
      const hosts = new Set(seen.map((s) => new URL(s.url).origin));
      expect([...hosts].sort()).toEqual([idpoolOrigin, pageOrigin].sort());
    } finally {
      await context.close();
    }
  }, 60_000);

  it("works the same served by idpool dev at /dev/example/, with no settings in the query", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const { seen, problems } = watch(page);
      const response = await page.goto(`${idpoolOrigin}/dev/example/`);
      expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
      expect(await page.getByTestId("setting-endpoint").textContent()).toBe(idpoolOrigin);
      expect(await page.getByTestId("setting-redirect-uri").textContent()).toBe(`${idpoolOrigin}/dev/example/`);
      await signInAs(page, "bob", idpoolOrigin, "same-origin-login-page.png");
      const result = await shown(page);
      await page.screenshot({ path: join(SCREENSHOTS, "same-origin-signed-in.png"), fullPage: true });
      expect(result.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
      expect((result.expiration.getTime() - Date.now()) / 60_000).toBeGreaterThan(55);
      expect(page.url()).toBe(`${idpoolOrigin}/dev/example/`);
      expect(new Set(seen.map((s) => new URL(s.url).origin))).toEqual(new Set([idpoolOrigin]));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("is usable from the keyboard: Tab reaches the sign-in button and Enter starts the sign-in", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${idpoolOrigin}/dev/example/`);
      await expect
        .poll(() => page.getByRole("button", { name: "Sign in with the test provider" }).isEnabled())
        .toBe(true);
      await page.keyboard.press("Tab");
      expect(await page.locator(":focus").textContent()).toBe("Sign in with the test provider");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/dev/idp/dev/authorize");
    } finally {
      await context.close();
    }
  }, 60_000);

  it("refuses settings that cannot work: an unknown client at the provider, a bad pool id on the page", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${idpoolOrigin}/dev/example/?client=nobody`);
      await page.getByRole("button", { name: "Sign in with the test provider" }).click();
      // The provider refuses an unknown client on its own page, never redirecting to the app.
      await page.waitForURL((url) => url.pathname === "/dev/idp/dev/authorize");
      expect(await page.locator("body").textContent()).toContain("nobody");
      await page.goto(`${idpoolOrigin}/dev/example/?pool=nope`);
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("?pool=");
      expect(await page.getByRole("button", { name: "Sign in with the test provider" }).isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});
