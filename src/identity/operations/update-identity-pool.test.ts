import { describe, expect, it } from "vitest";
import { poolConfigDefaults, pool as poolRecord } from "../../../test/support/records.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { PoolConfig } from "../pools/pool-config.js";
import { updatedPool } from "./update-identity-pool.js";

const google = { "accounts.google.com": "client.apps" };
const current: IdentityPoolRecord = poolRecord("us-east-1:00000000-0000-4000-8000-000000000001", {
  name: "before",
  allowUnauthenticated: true,
  allowClassicFlow: true,
  supportedLoginProviders: google,
  developerProviderName: "login.example",
  tags: { team: "a" },
  roles: { authenticated: "arn:aws:iam::000000000000:role/Auth" },
  roleMappings: { "accounts.google.com": { type: "Token", ambiguousRoleResolution: "Deny", rules: undefined } },
  principalTagMaps: { "accounts.google.com": { useDefaults: true, tags: {} } },
  version: 7,
});
const defaults: PoolConfig = poolConfigDefaults("after");

describe("updatedPool (§2.4 UpdateIdentityPool)", () => {
  it("resets omitted members, keeps the developer name, tags, roles, id and creation time", () => {
    const next = updatedPool(current, defaults, undefined);
    expect(next).toEqual({
      ...current,
      ...defaults,
      developerProviderName: "login.example",
      roleMappings: {},
      principalTagMaps: {},
    });
  });

  it("keeps role mappings and tag maps of providers still configured, and replaces tags when given", () => {
    const next = updatedPool(current, { ...defaults, supportedLoginProviders: google }, { env: "prod" });
    expect(next.roleMappings).toEqual(current.roleMappings);
    expect(next.principalTagMaps).toEqual(current.principalTagMaps);
    expect(next.tags).toEqual({ env: "prod" });
  });

  it("sets a developer name on a pool that has none", () => {
    const next = updatedPool(
      { ...current, developerProviderName: undefined },
      { ...defaults, developerProviderName: "dev" },
      undefined,
    );
    expect(next.developerProviderName).toBe("dev");
  });

  it("refuses to change a developer name once set", () => {
    expect(() => updatedPool(current, { ...defaults, developerProviderName: "other" }, undefined)).toThrow(
      expect.objectContaining({
        code: "InvalidParameterException",
        message: "DeveloperProviderName cannot be changed once set; it is 'login.example'.",
      }),
    );
  });
});
