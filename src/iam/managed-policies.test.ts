import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callOperation, expectServiceError, memoryDeps, type UnitDeps } from "../../test/support/unit.js";
import type { Operation } from "../protocol/index.js";
import { iamOperations } from "./index.js";

/** Managed-policy handlers against a real in-memory store; the wire is covered by test/e2e/iam-managed-policies. */
const ACCOUNT = "123456789012";
const ARN = `arn:aws:iam::${ACCOUNT}:policy/team/Reader`;
let deps: UnitDeps;
let ops: Map<string, Operation>;

beforeEach(async () => {
  deps = await memoryDeps();
  ops = new Map(iamOperations({ ...deps, accountId: ACCOUNT }).map((op) => [op.name, op]));
});
afterEach(async () => {
  await deps.store.close();
});

function call(name: string, input: Record<string, unknown>): Promise<object | undefined> {
  const op = ops.get(name);
  if (!op) throw new Error(`no operation ${name}`);
  return callOperation(op, input);
}

const doc = (action: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: action, Resource: "*" } });
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: { Effect: "Allow", Principal: { Federated: "x" }, Action: "sts:AssumeRoleWithWebIdentity" },
});

describe("managed policy handlers", () => {
  beforeEach(async () => {
    await call("CreatePolicy", { PolicyName: "Reader", Path: "/team/", PolicyDocument: doc("s3:Get*") });
  });

  it("keeps UpdateDate at the newest version's creation and DefaultVersionId where SetAsDefault put it", async () => {
    const created = deps.clock.nowMs();
    deps.clock.advanceMs(5_000);
    await call("CreatePolicyVersion", { PolicyArn: ARN, PolicyDocument: doc("s3:Put*") });
    expect(await call("GetPolicy", { PolicyArn: ARN })).toMatchObject({
      Policy: { DefaultVersionId: "v1", CreateDate: new Date(created), UpdateDate: new Date(created + 5_000) },
    });
    await call("CreatePolicyVersion", { PolicyArn: ARN, PolicyDocument: doc("s3:List*"), SetAsDefault: true });
    expect(await call("GetPolicy", { PolicyArn: ARN })).toMatchObject({ Policy: { DefaultVersionId: "v3" } });
    const stored = await deps.store.policies.get(ARN);
    expect(stored?.versions.map((v) => v.versionId)).toEqual(["v1", "v2", "v3"]);
    expect(stored?.nextVersionNumber).toBe(4);
  });

  it("counts attachments in GetPolicy and keeps the role's list in step", async () => {
    for (const name of ["A", "B"]) await call("CreateRole", { RoleName: name, AssumeRolePolicyDocument: TRUST });
    await call("AttachRolePolicy", { RoleName: "A", PolicyArn: ARN });
    await call("AttachRolePolicy", { RoleName: "b", PolicyArn: ARN });
    await call("AttachRolePolicy", { RoleName: "A", PolicyArn: ARN });
    expect(await call("GetPolicy", { PolicyArn: ARN })).toMatchObject({ Policy: { AttachmentCount: 2 } });
    expect((await deps.store.roles.get("a"))?.attachedPolicyArns).toEqual([ARN]);
    await call("DetachRolePolicy", { RoleName: "A", PolicyArn: ARN });
    expect(await call("GetPolicy", { PolicyArn: ARN })).toMatchObject({ Policy: { AttachmentCount: 1 } });
    await expectServiceError(
      call("DetachRolePolicy", { RoleName: "A", PolicyArn: ARN }),
      "NoSuchEntity",
      `Policy ${ARN} was not found.`,
    );
  });

  it("checks a new version's document before counting versions, and stores nothing on failure", async () => {
    await expectServiceError(
      call("CreatePolicyVersion", {
        PolicyArn: ARN,
        PolicyDocument: '{"Statement":{"Effect":"Allow","Action":"s3:*"}}',
      }),
      "MalformedPolicyDocument",
      "Policy statement must contain resources.",
    );
    await expectServiceError(
      call("CreatePolicyVersion", { PolicyArn: `${ARN}x`, PolicyDocument: doc("s3:*") }),
      "NoSuchEntity",
      `Policy ${ARN}x was not found.`,
    );
    expect((await deps.store.policies.get(ARN))?.versions).toHaveLength(1);
  });

  it("refuses DeletePolicy while attached before looking at versions", async () => {
    await call("CreateRole", { RoleName: "Holder", AssumeRolePolicyDocument: TRUST });
    await call("AttachRolePolicy", { RoleName: "Holder", PolicyArn: ARN });
    await call("CreatePolicyVersion", { PolicyArn: ARN, PolicyDocument: doc("s3:Put*") });
    await expectServiceError(
      call("DeletePolicy", { PolicyArn: ARN }),
      "DeleteConflict",
      "Cannot delete a policy attached to entities.",
    );
  });
});
