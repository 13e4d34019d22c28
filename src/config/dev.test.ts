import { describe, expect, it } from "vitest";
import { DEV_DATA_DIR, isLoopbackHost, loadDevConfig } from "./index.js";

describe("loadDevConfig", () => {
  it("keeps its store under ./.idpool-dev unless told otherwise, and reads the dev settings", () => {
    const { config, dev } = loadDevConfig({ seed: "42", ephemeral: true }, {});
    expect(config.dataDir).toBe(DEV_DATA_DIR);
    expect(dev).toEqual({ ephemeral: true, seed: 42, allowRemote: false });
    expect(loadDevConfig({}, { IDPOOL_DATA_DIR: "/tmp/x" }).config.dataDir).toBe("/tmp/x");
  });

  it("refuses a non-loopback host unless --dev-allow-remote, and impossible combinations", () => {
    expect(() => loadDevConfig({ host: "0.0.0.0" }, {})).toThrow(/listens on loopback only.*--dev-allow-remote/);
    expect(loadDevConfig({ host: "0.0.0.0", devAllowRemote: true }, {}).config.host).toBe("0.0.0.0");
    expect(() => loadDevConfig({ ephemeral: true, databaseUrl: "postgres://h/db" }, {})).toThrow(/--ephemeral/);
    expect(() => loadDevConfig({ workers: "2" }, {})).toThrow(/one process/);
    expect(() => loadDevConfig({ seed: "-1" }, {})).toThrow(/--seed/);
    expect(() => loadDevConfig({}, { IDPOOL_DEV_EPHEMERAL: "maybe" })).toThrow(/IDPOOL_DEV_EPHEMERAL/);
  });

  it("knows loopback addresses", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "10.0.0.1", "example.com", "::"]) expect(isLoopbackHost(host)).toBe(false);
  });
});
