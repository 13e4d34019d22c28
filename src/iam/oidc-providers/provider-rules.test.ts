import { describe, expect, it } from "vitest";
import { expectServiceError } from "../../../test/support/unit.js";
import { checkClientIds, checkThumbprints } from "./lists.js";
import { checkProviderUrl, loginsKeyOf } from "./provider-url.js";

describe("provider URL", () => {
  it.each([
    ["https://server.example.com", "server.example.com"],
    ["https://server.example.com/tenant/v2.0", "server.example.com/tenant/v2.0"],
    ["https://localhost:8443", "localhost:8443"],
    ["https://Server.Example.com/", "Server.Example.com/"],
    ["https://[::1]:8443/x", "[::1]:8443/x"],
  ])("accepts %s, keeping it as written, with logins key %s", (url, key) => {
    expect(checkProviderUrl(url, false)).toEqual({ url, loginsKey: key });
    expect(loginsKeyOf(url)).toBe(key);
  });

  it.each([
    ["http://server.example.com", "it must begin with https://"],
    ["HTTPS://server.example.com", "it must begin with https://"],
    ["server.example.com", "it must begin with https://"],
    ["https://server.example.com/?a=b", "it must not contain a query string or a fragment"],
    ["https://server.example.com#frag", "it must not contain a query string or a fragment"],
    ["https://user:pw@server.example.com", "it must not contain user information"],
    ["https://", "it must name a host"],
    ["https:///path", "it must name a host"],
    ["https://exa mple.com", "it must not contain spaces or non-ASCII characters"],
    ["https://bücher.example", "it must not contain spaces or non-ASCII characters"],
    ["https://host:99999", "its port must be 1-65535"],
    ["https://-host-", "it must name a host"],
  ])("refuses %s: %s", async (url, reason) => {
    await expectServiceError(
      () => checkProviderUrl(url, false),
      "InvalidInput",
      `Invalid Open ID Connect Provider URL: ${reason}.`,
    );
  });

  it("accepts http:// only when allowHttpProviders is on", async () => {
    expect(checkProviderUrl("http://127.0.0.1:9000/realm", true)).toEqual({
      url: "http://127.0.0.1:9000/realm",
      loginsKey: "127.0.0.1:9000/realm",
    });
    await expectServiceError(
      () => checkProviderUrl("ftp://x", true),
      "InvalidInput",
      "Invalid Open ID Connect Provider URL: it must begin with https:// or http://.",
    );
  });
});

describe("thumbprints", () => {
  const a = "990F4193972F2BECF12DDEDA5237F9C952F20D9E";

  it("stores them lower-case, without duplicates (AWS compares them without regard to case)", () => {
    expect(checkThumbprints([a, a.toLowerCase(), "0".repeat(40)])).toEqual([a.toLowerCase(), "0".repeat(40)]);
    expect(checkThumbprints([])).toEqual([]);
  });

  it("refuses more than five", async () => {
    await expectServiceError(
      () => checkThumbprints(Array.from({ length: 6 }, (_, i) => String(i).repeat(40))),
      "InvalidInput",
      "Thumbprint list must contain fewer than 5 entries.",
    );
    expect(checkThumbprints(Array.from({ length: 5 }, (_, i) => String(i).repeat(40)))).toHaveLength(5);
  });

  it("refuses anything but 40 hex digits", async () => {
    await expectServiceError(
      () => checkThumbprints([a, `${"g".repeat(40)}`]),
      "InvalidInput",
      `Thumbprint ${"g".repeat(40)} is not valid: a thumbprint is the 40 hexadecimal digits of a certificate's SHA-1 fingerprint.`,
    );
    await expectServiceError(() => checkThumbprints(["ab:cd"]), "InvalidInput");
  });
});

describe("client ids", () => {
  it("drops duplicates, keeping order", () => {
    expect(checkClientIds(["b", "a", "b"])).toEqual(["b", "a"]);
  });

  it("allows 100 and refuses 101 with LimitExceeded", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `client-${i}`);
    expect(checkClientIds(ids.slice(0, 100))).toHaveLength(100);
    await expectServiceError(
      () => checkClientIds(ids),
      "IamLimitExceeded",
      "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100",
    );
  });
});
