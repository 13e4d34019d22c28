import { expect, it } from "vitest";
import { type AuthorizationRequest, evaluatePermission, type PermissionDecision } from "./evaluate-permission.js";
import type { PolicyDocument } from "./model.js";
import { parsePolicy } from "./parse.js";

/** A permission policy from its statements, parsed as IAM parses an inline policy. */
export function permissionPolicy(statements: readonly object[], version = "2012-10-17"): PolicyDocument {
  const parsed = parsePolicy(JSON.stringify({ Version: version, Statement: statements }), "permission");
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.document;
}

/** One row of a decision table: the policies, the request, the decision IAM makes, and where the case comes from. */
export interface DecisionRow {
  readonly name: string;
  /** The AWS documentation page the case is taken from, or `idpool` for idpool's own cases. */
  readonly source: string;
  readonly identity: readonly PolicyDocument[];
  readonly session?: readonly PolicyDocument[];
  readonly action: string;
  readonly resource: string;
  readonly context?: AuthorizationRequest["context"];
  readonly expected: PermissionDecision;
}

export function decisionTable(rows: readonly DecisionRow[]): void {
  for (const row of rows) {
    it(`${row.name} → ${row.expected}`, () => {
      const policies = { identity: row.identity, ...(row.session ? { session: row.session } : {}) };
      const request = { action: row.action, resource: row.resource, context: row.context ?? {} };
      expect(evaluatePermission(policies, request)).toBe(row.expected);
    });
  }
}
