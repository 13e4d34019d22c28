import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_DIR, EXAMPLE_PREFIX, exampleRoute } from "../../src/app/dev-example.js";
import { startApp } from "../../src/app/index.js";
import { createLogger } from "../../src/app/logger.js";
import { loadDevConfig } from "../../src/config/index.js";
import type { PrefixRequest } from "../../src/server/index.js";

/** `idpool dev`'s /dev/example/ route: the example's files, each with its type and headers, and nothing else. */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "idpool-example-route-"));
  mkdirSync(join(dir, "dist"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>x</title>");
  writeFileSync(join(dir, "example.css"), "body{}");
  writeFileSync(join(dir, "dist", "app.js"), "export {};");
  writeFileSync(join(dir, "build.mjs"), "secret");
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "main.ts"), "secret");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (path: string, method = "GET"): PrefixRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
});
const route = () => exampleRoute(pathToFileURL(`${dir}/`));

describe("/dev/example/", () => {
  it("serves the page, its CSS and its bundle with their types, no-store and the CSP", async () => {
    const cases: [string, string, string][] = [
      ["/dev/example/", "text/html; charset=utf-8", "<!doctype html><title>x</title>"],
      ["/dev/example/index.html", "text/html; charset=utf-8", "<!doctype html><title>x</title>"],
      ["/dev/example/example.css", "text/css; charset=utf-8", "body{}"],
      ["/dev/example/dist/app.js", "text/javascript; charset=utf-8", "export {};"],
    ];
    for (const [path, type, body] of cases) {
      const answer = await route()(request(path));
      expect([path, answer?.status]).toEqual([path, 200]);
      expect(answer?.headers["content-type"]).toBe(type);
      expect(answer?.headers["cache-control"]).toBe("no-store");
      expect(answer?.headers["x-content-type-options"]).toBe("nosniff");
      expect(answer?.headers["content-security-policy"]).toMatch(
        /^default-src 'self'; img-src 'self' data:; connect-src 'self' /,
      );
      expect(answer?.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(String(answer?.body)).toBe(body);
    }
    expect((await route()(request("/dev/example/", "HEAD")))?.status).toBe(200);
  });

  it("serves no other file: not the sources, not the build script, no traversal", async () => {
    for (const path of [
      "/dev/example/build.mjs",
      "/dev/example/src/main.ts",
      "/dev/example/dist/",
      "/dev/example/dist",
      "/dev/example/../../package.json",
      "/dev/example/%2e%2e/%2e%2e/package.json",
      "/dev/example/dist/../build.mjs",
      "/dev/example/index.html/",
      "/dev/example//index.html",
      "/dev/examples/index.html",
    ]) {
      expect([path, await route()(request(path))]).toEqual([path, undefined]);
    }
  });

  it("refuses other methods, and says how to build a missing bundle", async () => {
    const post = await route()(request("/dev/example/", "POST"));
    expect(post?.status).toBe(405);
    expect(post?.headers.allow).toBe("GET, HEAD");
    const empty = mkdtempSync(join(tmpdir(), "idpool-example-empty-"));
    try {
      const missing = await exampleRoute(pathToFileURL(`${empty}/`))(request("/dev/example/dist/app.js"));
      expect(missing?.status).toBe(404);
      expect(String(missing?.body)).toContain("npm run build:example");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("finds the package's examples/browser/ from the module", () => {
    expect(EXAMPLE_PREFIX).toBe("/dev/example/");
    expect(existsSync(new URL("index.html", EXAMPLE_DIR))).toBe(true);
    expect(existsSync(new URL("example.css", EXAMPLE_DIR))).toBe(true);
  });
});

describe("idpool dev", () => {
  it("mounts the example at /dev/example/ beside the test provider", async () => {
    const data = mkdtempSync(join(tmpdir(), "idpool-example-dev-"));
    const { config } = loadDevConfig({ port: "0", dataDir: data }, {});
    const quiet = createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));
    const app = await startApp({ config, log: quiet, dev: {} });
    try {
      const page = await fetch(`${app.url}/dev/example/`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(await page.text()).toContain("Sign in with the test provider");
      const css = await fetch(`${app.url}/dev/example/example.css`);
      expect([css.status, css.headers.get("content-type")]).toEqual([200, "text/css; charset=utf-8"]);
      await css.body?.cancel();
      const other = await fetch(`${app.url}/dev/example/build.mjs`);
      expect(other.status).toBe(404);
      await other.body?.cancel();
    } finally {
      await app.stop();
      rmSync(data, { recursive: true, force: true });
    }
  });
});
