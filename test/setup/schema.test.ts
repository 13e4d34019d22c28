import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  AMBIGUOUS_ROLE_RESOLUTIONS as MODEL_AMBIGUOUS,
  ROLE_MAPPING_TYPES as MODEL_MAPPING_TYPES,
  MAPPING_RULE_MATCH_TYPES as MODEL_MATCH_TYPES,
  poolConfig,
} from "../../src/identity/shapes.js";
import { AMBIGUOUS_ROLE_RESOLUTIONS, MAPPING_TYPES, MATCH_TYPES, setupFile } from "../../src/setup/file-schema.js";
import { setupJsonSchemaText } from "../../src/setup/index.js";

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

describe("the setup file's JSON Schema", () => {
  it("ships as schema/setup.schema.json, exactly as `idpool setup schema` prints it", () => {
    // To refresh it: npx tsx src/cli/main.ts setup schema > schema/setup.schema.json
    expect(readFileSync(new URL("../../schema/setup.schema.json", import.meta.url), "utf8")).toBe(
      setupJsonSchemaText(),
    );
  });

  it("offers the model's enums", () => {
    expect([...MATCH_TYPES].sort()).toEqual([...MODEL_MATCH_TYPES].sort());
    expect([...MAPPING_TYPES].sort()).toEqual([...MODEL_MAPPING_TYPES].sort());
    expect([...AMBIGUOUS_ROLE_RESOLUTIONS].sort()).toEqual([...MODEL_AMBIGUOUS].sort());
  });

  it("names a pool's members as CreateIdentityPool does, in lowerCamelCase (name and tags aside)", () => {
    const pool = setupFile.optional.identityPools.item;
    const fileMembers = [...Object.keys(pool.required), ...Object.keys(pool.optional)];
    const renamed: Record<string, string> = { IdentityPoolName: "name", IdentityPoolTags: "tags" };
    for (const member of Object.keys(poolConfig.members)) {
      expect(fileMembers).toContain(renamed[member] ?? lowerFirst(member));
    }
  });
});
