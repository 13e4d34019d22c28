import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../src/config/index.js";

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
});
