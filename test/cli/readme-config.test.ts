import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GATEWAY_SETTINGS, SETTINGS } from "../../src/config/index.js";

describe("README configuration table", () => {
  it("lists every setting of idpool serve with its flag, variable and default", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
    for (const spec of SETTINGS) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${spec.flag}\``));
      expect(row, spec.flag).toBeDefined();
      expect(row).toContain(`\`${spec.env}\``);
      expect(row).toContain(spec.defaultText);
    }
  });

  it("lists every setting of idpool gateway in its section, with its flag, variable and default", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
    const section = readme.slice(readme.indexOf("## Protect your own API with idpool credentials"));
    for (const spec of GATEWAY_SETTINGS) {
      const row = section.split("\n").find((line) => line.startsWith(`| \`${spec.flag}\``));
      expect(row, spec.flag).toBeDefined();
      expect(row).toContain(`\`${spec.env}\``);
      expect(row).toContain(spec.defaultText || "required");
    }
  });
});
