import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySetup, describeSummary, httpCaller, parseSetup } from "../../src/setup/index.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";

describe("the README's setup file", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("applies as shown, then changes nothing", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Setup files"));
    const text = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const caller = httpCaller({ endpoint: server.url, region: "us-east-1", credentials: TEST_ROOT });
    const first = await applySetup(caller, parseSetup("setup.yaml", text));
    expect(first.created).toEqual([
      "OpenID Connect provider https://login.example.com",
      "role MyPoolAuthenticated",
      "identity pool MyPool (us-east-1:2f6c5a3e-8d1b-4c7a-9e0f-3b5d7a9c1e24)",
    ]);
    expect(describeSummary(await applySetup(caller, parseSetup("setup.yaml", text)))).toBe("no changes (3 unchanged)");
  });
});
