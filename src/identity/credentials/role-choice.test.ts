import { describe, expect, it } from "vitest";
import { pool as poolRecord } from "../../../test/support/records.js";
import type { IdentityPoolRecord, RoleMappingRecord } from "../../store/index.js";
import type { VerifiedLogin } from "../logins/verified-login.js";
import { chooseRole, deciderLogin, ruleMatches } from "./role-choice.js";

const AUTH = "arn:aws:iam::000000000000:role/Auth";
const GUEST = "arn:aws:iam::000000000000:role/Guest";
const ADMIN = "arn:aws:iam::000000000000:role/Admin";

const pool = (roleMappings: Record<string, RoleMappingRecord> = {}): IdentityPoolRecord =>
  poolRecord("us-east-1:p", {
    allowUnauthenticated: true,
    roles: { authenticated: AUTH, unauthenticated: GUEST },
    roleMappings,
  });

const login = (claims: Record<string, unknown>, provider = "login.example.com"): VerifiedLogin => ({
  provider,
  subject: "s",
  claims,
  clientId: "c",
  amr: ["authenticated"],
  mappingKeys: [provider],
  kind: "oidc",
  defaultTags: {},
});

const rules = (
  rulesList: RoleMappingRecord["rules"],
  ambiguous: RoleMappingRecord["ambiguousRoleResolution"] = "AuthenticatedRole",
): Record<string, RoleMappingRecord> => ({
  "login.example.com": { type: "Rules", ambiguousRoleResolution: ambiguous, rules: rulesList },
});

describe("ruleMatches", () => {
  const rule = (matchType: "Equals" | "Contains" | "StartsWith" | "NotEqual", value: string) => ({
    claim: "dept",
    matchType,
    value,
    roleArn: ADMIN,
  });
  it("compares literally, element by element for arrays, and skips NotEqual on an absent claim", () => {
    expect(ruleMatches(rule("Equals", "eng"), { dept: "eng" })).toBe(true);
    expect(ruleMatches(rule("Equals", "eng"), { dept: "engineering" })).toBe(false);
    expect(ruleMatches(rule("Contains", "gin"), { dept: "engineering" })).toBe(true);
    expect(ruleMatches(rule("StartsWith", "eng*"), { dept: "engineering" })).toBe(false);
    expect(ruleMatches(rule("Equals", "eng"), { dept: ["ops", "eng"] })).toBe(true);
    expect(ruleMatches(rule("NotEqual", "eng"), { dept: "ops" })).toBe(true);
    expect(ruleMatches(rule("NotEqual", "eng"), {})).toBe(false);
  });
});

describe("chooseRole", () => {
  it("gives guests the unauthenticated role and logins without a mapping the authenticated role", () => {
    expect(chooseRole(pool(), undefined, undefined)).toBe(GUEST);
    expect(chooseRole(pool(), login({}), undefined)).toBe(AUTH);
  });

  it("takes the first matching rule in order, else resolves the ambiguity", () => {
    const mapped = pool(
      rules([
        { claim: "dept", matchType: "Equals", value: "ops", roleArn: GUEST },
        { claim: "dept", matchType: "StartsWith", value: "o", roleArn: ADMIN },
      ]),
    );
    expect(chooseRole(mapped, login({ dept: "ops" }), undefined)).toBe(GUEST);
    expect(chooseRole(mapped, login({ dept: "other" }), undefined)).toBe(ADMIN);
    expect(chooseRole(mapped, login({ dept: "x" }), undefined)).toBe(AUTH);
    const deny = pool(rules([{ claim: "dept", matchType: "Equals", value: "ops", roleArn: ADMIN }], "Deny"));
    expect(() => chooseRole(deny, login({ dept: "x" }), undefined)).toThrow(
      "The ambiguous role mapping rules for: login.example.com denied this request.",
    );
  });

  it("honours CustomRoleArn only among the roles the mapping allows", () => {
    const mapped = pool(rules([{ claim: "dept", matchType: "Equals", value: "ops", roleArn: ADMIN }]));
    expect(chooseRole(mapped, login({ dept: "ops" }), ADMIN)).toBe(ADMIN);
    expect(() => chooseRole(mapped, login({ dept: "x" }), ADMIN)).toThrow(`Access to Role '${ADMIN}' is forbidden.`);
    expect(() => chooseRole(pool(), login({}), ADMIN)).toThrow(`Access to Role '${ADMIN}' is forbidden.`);
    expect(chooseRole(pool(), login({}), AUTH)).toBe(AUTH);
  });

  it("reads cognito:preferred_role and cognito:roles for Token mappings", () => {
    const token = pool({ "login.example.com": { type: "Token", ambiguousRoleResolution: "Deny", rules: undefined } });
    expect(chooseRole(token, login({ "cognito:preferred_role": ADMIN }), undefined)).toBe(ADMIN);
    expect(chooseRole(token, login({ "cognito:roles": `${AUTH}, ${ADMIN}` }), ADMIN)).toBe(ADMIN);
    expect(chooseRole(token, login({ "cognito:roles": [AUTH] }), AUTH)).toBe(AUTH);
    expect(() => chooseRole(token, login({}), undefined)).toThrow("denied this request");
  });

  it("picks the first login in request order that has a mapping", () => {
    const mapped = pool(rules([]));
    const first = login({}, "other.example.com");
    const second = login({});
    expect(deciderLogin(mapped, [first, second])).toBe(second);
    expect(deciderLogin(pool(), [first, second])).toBe(first);
  });
});
