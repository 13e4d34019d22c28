import { describe, expect, it } from "vitest";
import { discoveryUrl, parseMaxAgeSeconds } from "./discovery.js";

describe("discoveryUrl", () => {
  it("appends the well-known path, without doubling a slash (OIDC Discovery §4)", () => {
    expect(discoveryUrl("https://idp.example").href).toBe("https://idp.example/.well-known/openid-configuration");
    expect(discoveryUrl("https://idp.example/tenant/").href).toBe(
      "https://idp.example/tenant/.well-known/openid-configuration",
    );
  });
});

describe("parseMaxAgeSeconds", () => {
  it("reads max-age, treats no-store and no-cache as 0", () => {
    expect(parseMaxAgeSeconds("public, max-age=3600, must-revalidate")).toBe(3600);
    expect(parseMaxAgeSeconds('max-age="60"')).toBe(60);
    expect(parseMaxAgeSeconds("no-store")).toBe(0);
    expect(parseMaxAgeSeconds("private, no-cache")).toBe(0);
    expect(parseMaxAgeSeconds("s-maxage=10")).toBeUndefined();
    expect(parseMaxAgeSeconds(undefined)).toBeUndefined();
  });
});
