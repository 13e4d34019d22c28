import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleRoute } from "../../src/app/console-route.js";
import { type RunningApp, startApp } from "../../src/app/index.js";
import { createLogger } from "../../src/app/logger.js";
import { loadConfig } from "../../src/config/index.js";
import { TEST_ROOT } from "../support/server.js";

/** A server whose console folder is a temporary one (the real console/dist/ is another build's output). */
async function startWithConsole(consoleDir: string, dataDir: string, dev = false): Promise<RunningApp> {
  const env = {
    IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
    IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
  };
  const config = loadConfig({ port: "0", dataDir }, env);
  return startApp({
    config,
    log: createLogger("silent"),
    consoleDir: pathToFileURL(`${consoleDir}/`),
    ...(dev ? { dev: { providers: [] } } : {}),
  });
}

describe("the web console at /console/", () => {
  let dir: string;
  let dataDir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "idpool-console-"));
    dataDir = mkdtempSync(join(tmpdir(), "idpool-console-data-"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>idpool console</title>");
    writeFileSync(join(dir, "app.js"), "console.log('console');");
    writeFileSync(join(dir, "app.css"), "body{margin:0}");
    writeFileSync(join(dir, "secret.txt"), "not served");
    app = await startWithConsole(dir, dataDir);
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("redirects GET / and GET /console to /console/", async () => {
    for (const path of ["/", "/console"]) {
      const response = await fetch(`${app.url}${path}`, { redirect: "manual" });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/console/");
    }
    const head = await fetch(`${app.url}/`, { method: "HEAD", redirect: "manual" });
    expect(head.status).toBe(302);
    expect(head.headers.get("location")).toBe("/console/");
  });

  it("keeps GET /?Action=… an AWS Query call", async () => {
    const response = await fetch(`${app.url}/?Action=GetCallerIdentity&Version=2011-06-15`, { redirect: "manual" });
    expect(response.status).not.toBe(302);
    expect(await response.text()).toContain("<Code>");
  });

  it("serves the console's files with no-store, its CSP and DENY framing", async () => {
    const cases = [
      ["/console/", "text/html; charset=utf-8", "<!doctype html><title>idpool console</title>"],
      ["/console/index.html", "text/html; charset=utf-8", "<!doctype html><title>idpool console</title>"],
      ["/console/app.js", "text/javascript; charset=utf-8", "console.log('console');"],
      ["/console/app.css", "text/css; charset=utf-8", "body{margin:0}"],
    ] as const;
    for (const [path, type, body] of cases) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'self'; connect-src 'self'(;|$)/);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await response.text()).toBe(body);
    }
  });

  it("serves nothing outside its list: other files, traversal, and methods other than GET and HEAD", async () => {
    for (const path of [
      "/console/secret.txt",
      "/console/../package.json",
      "/console/%2e%2e/package.json",
      "/console/app.js/",
    ]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("not served");
    }
    const post = await fetch(`${app.url}/console/app.js`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("is mounted under idpool dev as well", async () => {
    const devData = mkdtempSync(join(tmpdir(), "idpool-console-dev-"));
    const devApp = await startWithConsole(dir, devData, true);
    try {
      const redirect = await fetch(`${devApp.url}/`, { redirect: "manual" });
      expect(redirect.headers.get("location")).toBe("/console/");
      expect(await (await fetch(`${devApp.url}/console/app.js`)).text()).toBe("console.log('console');");
    } finally {
      await devApp.stop();
      rmSync(devData, { recursive: true, force: true });
    }
  });
});

describe("consoleRoute before the console is built", () => {
  it("answers a 404 saying the console is not built", async () => {
    const empty = mkdtempSync(join(tmpdir(), "idpool-console-empty-"));
    try {
      const route = consoleRoute(pathToFileURL(`${empty}/`));
      const answer = await route({
        method: "GET",
        path: "/console/",
        query: new URLSearchParams(),
        headers: {},
        body: Buffer.alloc(0),
      });
      expect(answer?.status).toBe(404);
      expect(String(answer?.body)).toContain("The web console is not built: console/dist/index.html is missing.");
      expect(answer?.headers["cache-control"]).toBe("no-store");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
