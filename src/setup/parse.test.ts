import { describe, expect, it } from "vitest";
import { parseSetup } from "./parse.js";
import { SetupError } from "./setup-error.js";

/** The 1-based line of the first line of `text` that matches `needle`. */
function lineOf(text: string, needle: RegExp): number {
  const index = text.split("\n").findIndex((line) => needle.test(line));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

function refusal(file: string, text: string): SetupError {
  try {
    parseSetup(file, text);
  } catch (error) {
    if (error instanceof SetupError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

const ROLE = "arn:aws:iam::000000000000:role/R";

const yamlWithRule = (matchType: string) => `name: demo
identityPools:
  - name: P
    allowUnauthenticatedIdentities: false
    roleMappings:
      login.example.com:
        type: Rules
        rulesConfiguration:
          rules:
            - { claim: a, matchType: Equals, value: x, roleARN: ${ROLE} }
            - { claim: b, matchType: Equals, value: x, roleARN: ${ROLE} }
            - claim: c
              matchType: ${matchType}
              value: x
              roleARN: ${ROLE}
`;

const jsonWithRule = (matchType: string) =>
  JSON.stringify(
    {
      identityPools: [
        {
          name: "P",
          allowUnauthenticatedIdentities: false,
          roleMappings: {
            "login.example.com": {
              type: "Rules",
              rulesConfiguration: {
                rules: [
                  { claim: "a", matchType: "Equals", value: "x", roleARN: ROLE },
                  { claim: "b", matchType: "Equals", value: "x", roleARN: ROLE },
                  { claim: "c", matchType, value: "x", roleARN: ROLE },
                ],
              },
            },
          },
        },
      ],
    },
    null,
    2,
  );

const RULE_PATH = 'identityPools[0].roleMappings["login.example.com"].rulesConfiguration.rules[2].matchType';

describe("parseSetup", () => {
  it("types a valid YAML file and defaults the name that marks what it creates", () => {
    const parsed = parseSetup("setup.yaml", yamlWithRule("Contains").replace("name: demo\n", ""));
    expect(parsed.name).toBe("setup");
    expect(parsed.setup.identityPools?.[0]?.roleMappings?.["login.example.com"]?.rulesConfiguration?.rules[2]).toEqual({
      claim: "c",
      matchType: "Contains",
      value: "x",
      roleARN: ROLE,
    });
    expect(parsed.testProviders).toEqual([]);
  });

  it.each([
    ["setup.yaml", yamlWithRule("Equal")],
    ["setup.json", jsonWithRule("Equal")],
  ])("reports a bad enum value in %s at its field path and line", (file, text) => {
    const error = refusal(file, text);
    const line = lineOf(text, /matchType"?: "?Equal"?,?$/);
    expect(error.problems).toEqual([
      { path: RULE_PATH, line, message: 'must be one of Equals, Contains, StartsWith, NotEqual, not "Equal"' },
    ]);
    expect(error.message).toBe(
      `${file}:${line}: ${RULE_PATH}: must be one of Equals, Contains, StartsWith, NotEqual, not "Equal"`,
    );
  });

  it("refuses members outside the schema, at the member's own line, in YAML and JSON", () => {
    const yaml = "roles:\n  - name: R\n    trustPolicy: {}\n    inlinePolicy: {}\n";
    expect(refusal("s.yaml", yaml).problems).toEqual([
      {
        path: "roles[0].inlinePolicy",
        line: 4,
        message:
          "is not a member here; the members are name, trustPolicy, path, description, maxSessionDuration, inlinePolicies, tags",
      },
    ]);
    const json =
      '{\n  "roles": [\n    {\n      "name": "R",\n      "trustPolicy": {},\n      "Tags": {}\n    }\n  ]\n}\n';
    expect(refusal("s.json", json).problems).toMatchObject([{ path: "roles[0].Tags", line: 6 }]);
  });

  it("lists every problem: a missing member at its parent's line, a number where text belongs", () => {
    const yaml = "openIdConnectProviders:\n  - clientIds: [a]\n    tags:\n      version: 2\n";
    expect(refusal("s.yaml", yaml).problems).toEqual([
      { path: "openIdConnectProviders[0].url", line: 2, message: "is required" },
      {
        path: "openIdConnectProviders[0].tags.version",
        line: 4,
        message: "must be a string, not the number 2 (quote it)",
      },
    ]);
  });

  it("refuses two entries for one resource and the tag idpool writes itself", () => {
    const yaml = [
      "roles:",
      "  - { name: Admin, trustPolicy: {} }",
      "  - name: admin",
      "    trustPolicy: {}",
      "    tags: { idpool:setup: mine }",
    ].join("\n");
    expect(refusal("s.yaml", yaml).problems).toEqual([
      {
        path: "roles[1].name",
        line: 3,
        message: "names the same role (IAM role names compare without regard to case) as roles[0].name",
      },
      { path: 'roles[1].tags["idpool:setup"]', line: 5, message: "is set by idpool on what the file creates" },
    ]);
  });

  it("reports YAML and JSON syntax errors and duplicate keys with their line", () => {
    expect(refusal("s.yaml", "roles:\n  - name: [a\n").problems[0]?.line).toBeGreaterThanOrEqual(2);
    const yamlDuplicate = refusal("s.yaml", "name: a\nroles: []\nname: b\n").problems;
    expect(yamlDuplicate).toEqual([{ path: "", line: 3, message: "Map keys must be unique" }]);
    const badJson = refusal("s.json", '{\n  "roles": [\n    { "name": "R", }\n  ]\n}\n').problems;
    expect(badJson).toMatchObject([{ path: "", line: 3 }]);
    expect(badJson[0]?.message).toMatch(/^not JSON: /);
    expect(refusal("s.json", '{\n  "name": "a",\n  "name": "b"\n}').problems).toEqual([
      { path: "", line: 3, message: "Map keys must be unique" },
    ]);
  });

  it("takes a trust policy as an object or as its text, and returns the test providers for idpool dev", () => {
    const yaml = [
      "roles:",
      '  - { name: A, trustPolicy: \'{"Version":"2012-10-17"}\' }',
      "  - { name: B, trustPolicy: { Version: '2012-10-17' } }",
      "testProviders:",
      "  - name: local",
      "    clientIds: [web]",
      "    users: [{ sub: alice, claims: { email: alice@example.com, groups: [admin] } }]",
    ].join("\n");
    const parsed = parseSetup("s.yaml", yaml);
    expect(parsed.setup.roles?.map((r) => r.trustPolicy)).toEqual([
      '{"Version":"2012-10-17"}',
      { Version: "2012-10-17" },
    ]);
    expect(parsed.testProviders).toEqual([
      {
        name: "local",
        clientIds: ["web"],
        users: [{ sub: "alice", claims: { email: "alice@example.com", groups: ["admin"] } }],
      },
    ]);
  });

  it("reads an empty file as an empty setup, and refuses a file that is not an object", () => {
    expect(parseSetup("s.yaml", "").setup).toEqual({});
    expect(refusal("s.yaml", "- a\n").problems).toEqual([
      { path: "", line: 1, message: "must be an object, not a list" },
    ]);
  });
});

describe("parseSetup of a file written on Windows", () => {
  it("ignores a byte-order mark in JSON and YAML", () => {
    expect(parseSetup("s.json", '\uFEFF{ "name": "a" }').name).toBe("a");
    expect(parseSetup("s.yaml", "\uFEFFname: b\n").name).toBe("b");
  });
});
