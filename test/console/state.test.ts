/** The console's own state: the session in sessionStorage, and the text formats of its forms. */
import { describe, expect, it } from "vitest";
import { parseJson, policyText } from "../../console/src/json-text.js";
import { formToMappings, mappingsToForm } from "../../console/src/role-mappings.js";
import {
  checkSignIn,
  forgetSession,
  type KeyValueStore,
  loadSession,
  SESSION_KEY,
  saveSession,
} from "../../console/src/session.js";
import { age, formatPairs, parseLines, parsePairs } from "../../console/src/text-formats.js";

const memory = (): KeyValueStore & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
};

const SESSION = {
  credentials: { accessKeyId: "AKIATESTROOT0000000A", secretAccessKey: "s3cret" },
  region: "us-east-1",
  arn: "arn:aws:iam::000000000000:root",
  account: "000000000000",
};

describe("console state", () => {
  it("keeps the session under one key, reads it back, and forgets it on sign-out", () => {
    const store = memory();
    expect(loadSession(store)).toBeUndefined();
    saveSession(store, SESSION);
    expect([...store.map.keys()]).toEqual([SESSION_KEY]);
    expect(loadSession(store)).toEqual(SESSION);
    forgetSession(store);
    expect(store.map.size).toBe(0);
    expect(loadSession(store)).toBeUndefined();
  });

  it("ignores a stored session that is not one", () => {
    const store = memory();
    for (const text of ["{", "null", '{"region":"us-east-1"}', '{"credentials":{"accessKeyId":1},"region":"x"}']) {
      store.setItem(SESSION_KEY, text);
      expect(loadSession(store)).toBeUndefined();
    }
  });

  it("checks the sign-in form, with a message for each field", () => {
    expect(checkSignIn({ accessKeyId: " AKIATESTROOT0000000A ", secretAccessKey: "x", region: "" })).toEqual({
      errors: {},
      credentials: { accessKeyId: "AKIATESTROOT0000000A", secretAccessKey: "x" },
      region: "us-east-1",
    });
    const bad = checkSignIn({ accessKeyId: "short", secretAccessKey: "", region: "mars" });
    expect(bad.credentials).toBeUndefined();
    expect(Object.keys(bad.errors).sort()).toEqual(["accessKeyId", "region", "secretAccessKey"]);
  });

  it("reads key=value lines and one-a-line lists, naming the bad line", () => {
    expect(parsePairs("a=1\n\n b = x=y \n")).toEqual({ ok: true, value: { a: "1", b: "x=y" } });
    expect(parsePairs("a=1\nnope")).toEqual({ ok: false, line: 2, message: 'line 2: expected key=value, got "nope"' });
    expect(parsePairs("a=1\na=2")).toMatchObject({ ok: false, line: 2 });
    expect(formatPairs({ a: "1", b: "2" })).toBe("a=1\nb=2");
    expect(parseLines(" x \n\ny\nx")).toEqual(["x", "y"]);
  });

  it("reports a JSON syntax error at its line and column", () => {
    expect(parseJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    const result = parseJson('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.line).toBe(3);
      expect(result.problem.message).toMatch(/^line 3, column \d+: /);
    }
    const truncated = parseJson('{\n  "a": 1,\n');
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) expect(truncated.problem.line).toBeGreaterThanOrEqual(2);
  });

  it("shows IAM's URL-encoded policy documents as pretty JSON", () => {
    expect(policyText(encodeURIComponent('{"Version":"2012-10-17"}'))).toBe('{\n  "Version": "2012-10-17"\n}');
    expect(policyText('{"a":"50%25"}')).toBe('{\n  "a": "50%25"\n}');
    expect(policyText(undefined)).toBe("");
  });

  it("turns role mappings into editor rows and back", () => {
    const api = {
      "login.example.com": {
        Type: "Rules",
        AmbiguousRoleResolution: "Deny",
        RulesConfiguration: { Rules: [{ Claim: "groups", MatchType: "Contains", Value: "admin", RoleARN: "arn:r" }] },
      },
      "other.example.com": { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" },
    };
    const rows = mappingsToForm(api);
    expect(rows[0]).toEqual({
      loginsKey: "login.example.com",
      type: "Rules",
      ambiguous: "Deny",
      rules: [{ claim: "groups", matchType: "Contains", value: "admin", roleArn: "arn:r" }],
    });
    expect(formToMappings(rows)).toEqual({ ok: true, value: api });
    expect(formToMappings([{ loginsKey: "", type: "Token", ambiguous: "Deny", rules: [] }])).toMatchObject({
      ok: false,
      index: 0,
    });
    expect(formToMappings([{ loginsKey: "k", type: "Rules", ambiguous: "Deny", rules: [] }])).toMatchObject({
      ok: false,
      message: "A Rules mapping needs at least one rule.",
    });
  });

  it("says how old a key is", () => {
    const now = new Date("2026-01-10T00:00:00Z");
    expect(age(new Date("2026-01-07T00:00:00Z"), now)).toBe("3 days");
    expect(age(new Date("2026-01-09T23:00:00Z"), now)).toBe("1 hour");
    expect(age(new Date("2026-01-09T23:59:30Z"), now)).toBe("30 seconds");
  });
});
