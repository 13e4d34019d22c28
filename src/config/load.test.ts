import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./load.js";

describe("loadConfig", () => {
  it("uses the contract's defaults", () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 4600,
      dataDir: "./.idpool",
      databaseUrl: undefined,
      region: "us-east-1",
      accountId: "000000000000",
      publicUrl: undefined,
      trustPublicCa: false,
      allowHttpProviders: false,
      rootCredentials: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("lets a flag win over its environment variable, and the variable over the default", () => {
    expect(loadConfig({ port: "5000" }, { IDPOOL_PORT: "6000" }).port).toBe(5000);
    expect(loadConfig({}, { IDPOOL_PORT: "6000", IDPOOL_TRUST_PUBLIC_CA: "true" })).toMatchObject({
      port: 6000,
      trustPublicCa: true,
    });
  });

  it("names the bad flag or variable", () => {
    expect(() => loadConfig({ port: "70000" }, {})).toThrow(
      "--port: expected a port number from 0 to 65535, got '70000'",
    );
    expect(() => loadConfig({}, { IDPOOL_REGION: "mars" })).toThrow(
      "IDPOOL_REGION: expected a region such as us-east-1",
    );
    expect(() => loadConfig({}, { IDPOOL_ACCOUNT_ID: "12" })).toThrow(
      "IDPOOL_ACCOUNT_ID: expected a 12-digit account id",
    );
    expect(() => loadConfig({ databaseUrl: "mysql://x" }, {})).toThrow(
      "--database-url: expected a postgres: or postgresql: URL",
    );
    expect(() => loadConfig({ extraCaFile: "/nonexistent/ca.pem" }, {})).toThrow("--extra-ca-file: cannot read");
    expect(() => loadConfig({}, { IDPOOL_ALLOW_HTTP_PROVIDERS: "maybe" })).toThrow(
      "IDPOOL_ALLOW_HTTP_PROVIDERS: expected true or false",
    );
  });

  it("reads --workers as a count or auto (one per core)", () => {
    expect(loadConfig({}, {}).workers).toBe(1);
    expect(loadConfig({ workers: "3" }, { IDPOOL_WORKERS: "2" }).workers).toBe(3);
    expect(loadConfig({}, { IDPOOL_WORKERS: "auto" }).workers).toBe(availableParallelism());
    expect(() => loadConfig({ workers: "0" }, {})).toThrow(
      "--workers: expected auto or a whole number from 1 to 256, got '0'",
    );
    expect(() => loadConfig({}, { IDPOOL_WORKERS: "many" })).toThrow("IDPOOL_WORKERS: expected auto or a whole number");
  });

  it("requires both root credential variables together", () => {
    expect(() => loadConfig({}, { IDPOOL_ROOT_ACCESS_KEY_ID: "AKIAAAAAAAAAAAAAAAAA" })).toThrow(
      "IDPOOL_ROOT_ACCESS_KEY_ID and IDPOOL_ROOT_SECRET_ACCESS_KEY must be set together",
    );
  });
});
