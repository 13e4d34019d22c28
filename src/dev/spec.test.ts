import { describe, expect, it } from "vitest";
import { checkSpecs, DEFAULT_TEST_PROVIDER } from "./spec.js";

describe("test provider specs", () => {
  it("the default is provider dev, client dev-client, users alice and bob with emails", () => {
    expect(DEFAULT_TEST_PROVIDER).toEqual({
      name: "dev",
      clientIds: ["dev-client"],
      users: [
        { sub: "alice", claims: { email: "alice@example.com", email_verified: true } },
        { sub: "bob", claims: { email: "bob@example.com", email_verified: true } },
      ],
    });
    expect(() => checkSpecs([DEFAULT_TEST_PROVIDER])).not.toThrow();
  });

  it.each([
    [[{ name: "a/b", clientIds: ["c"], users: [] }], "a provider name is 1 to 63"],
    [[{ name: "", clientIds: ["c"], users: [] }], "a provider name is 1 to 63"],
    [[DEFAULT_TEST_PROVIDER, DEFAULT_TEST_PROVIDER], "defined twice"],
    [[{ name: "x", clientIds: [], users: [] }], "at least one non-empty client id"],
    [[{ name: "x", clientIds: ["c"], users: [{ sub: "a" }, { sub: "a" }] }], "distinct"],
    [[{ name: "x", clientIds: ["c"], users: [{ sub: "a", claims: { iss: "y" } }] }], "may not set iss"],
  ])("refuses %j at start-up", (specs, words) => {
    expect(() => checkSpecs(specs)).toThrow(words);
  });
});
