import {
  CreateRoleCommand,
  type CreateRoleCommandInput,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/shared/index.js";
import { errorOf, startTestServer, type TestServer } from "../support/server.js";

/** IAM roles and their inline policies through the official SDK. */
let server: TestServer;
// Near real time: SigV4 verification reads the same clock and allows 15 minutes of skew.
const clock = new ManualClock(Date.now());
const ACCOUNT = "000000000000";

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.stop();
});

/** Written with spaces and new lines on purpose: IAM returns the text as written, URL-encoded. */
const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-3333-4444-555555555555"}}
  }]
}`;
const PERMISSIONS = JSON.stringify({
  Version: "2012-10-17",
  Statement: { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::bucket/*" },
});

const create = (input: Partial<CreateRoleCommandInput> & { RoleName: string }) =>
  server.iam.send(new CreateRoleCommand({ AssumeRolePolicyDocument: TRUST, ...input }));

describe("CreateRole and GetRole", () => {
  it("creates a role with IAM's id, ARN, defaults and a URL-encoded trust policy", async () => {
    const out = await create({
      RoleName: "AppUser",
      Path: "/cognito/",
      Description: "signed-in users",
      Tags: [
        { Key: "team", Value: "web" },
        { Key: "env", Value: "dev" },
      ],
    });
    expect(out.$metadata.httpStatusCode).toBe(200);
    const role = out.Role;
    expect(role?.RoleName).toBe("AppUser");
    expect(role?.Path).toBe("/cognito/");
    expect(role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/cognito/AppUser`);
    expect(role?.CreateDate).toEqual(new Date(clock.nowMs()));
    expect(role?.MaxSessionDuration).toBe(3600);
    expect(role?.Description).toBe("signed-in users");
    expect(role?.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    expect(role?.Tags).toEqual([
      { Key: "env", Value: "dev" },
      { Key: "team", Value: "web" },
    ]);
    const got = await server.iam.send(new GetRoleCommand({ RoleName: "appuser" }));
    expect(got.Role).toEqual(role);
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "")).toBe(TRUST);
  });

  it("answers 409 EntityAlreadyExists for a name taken in another case", async () => {
    await create({ RoleName: "Taken" });
    const error = await errorOf(() => create({ RoleName: "TAKEN" }));
    expect(error.name).toBe("EntityAlreadyExistsException");
    expect(error.message).toBe("Role with name TAKEN already exists.");
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it("answers ValidationError for a bad name, path or MaxSessionDuration", async () => {
    const name = await errorOf(() => create({ RoleName: "bad name" }));
    expect(name.name).toBe("ValidationError");
    expect(name.message).toBe(
      "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    expect(name.$metadata?.httpStatusCode).toBe(400);
    const path = await errorOf(() => create({ RoleName: "p", Path: "/no-trailing-slash" }));
    expect(path.name).toBe("ValidationError");
    const long = await errorOf(() => create({ RoleName: "d", MaxSessionDuration: 43201 }));
    expect(long.message).toBe(
      "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
  });

  it.each([
    ["not JSON", "{", "This policy contains invalid Json"],
    ["without Statement", '{"Version":"2012-10-17"}', "Missing required field Statement"],
    [
      "with a bad Effect",
      '{"Statement":{"Effect":"Maybe","Principal":"*","Action":"sts:AssumeRole"}}',
      "Invalid effect: Maybe",
    ],
    ["without Action", '{"Statement":{"Effect":"Allow","Principal":"*"}}', "Missing required field Action"],
    [
      "without Principal",
      '{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}',
      "Missing required field Principal",
    ],
    [
      "with a Resource",
      '{"Statement":{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}}',
      "Has prohibited field Resource",
    ],
    [
      "with an unknown top-level key",
      '{"Statement":[],"Extra":1}',
      "Syntax errors in policy: unknown field Extra in the policy.",
    ],
    [
      "with Version 2020-01-01",
      '{"Version":"2020-01-01","Statement":[]}',
      'Invalid policy Version "2020-01-01": use "2012-10-17" or "2008-10-17".',
    ],
  ])("answers MalformedPolicyDocument for a trust policy %s, and creates nothing", async (_what, doc, message) => {
    const error = await errorOf(() => create({ RoleName: "Malformed", AssumeRolePolicyDocument: doc }));
    expect(error.name).toBe("MalformedPolicyDocumentException");
    expect(error.message).toBe(message);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    const missing = await errorOf(() => server.iam.send(new GetRoleCommand({ RoleName: "Malformed" })));
    expect(missing.name).toBe("NoSuchEntityException");
  });

  it("answers NoSuchEntity for a permissions boundary (idpool keeps no managed policies)", async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
    const error = await errorOf(() => create({ RoleName: "Bounded", PermissionsBoundary: boundary }));
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.message).toBe(`Scope ARN: ${boundary} does not exist or is not attachable.`);
  });

  it("answers 404 NoSuchEntity for an unknown role", async () => {
    const error = await errorOf(() => server.iam.send(new GetRoleCommand({ RoleName: "Nobody" })));
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.message).toBe("The role with name Nobody cannot be found.");
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });
});

describe("ListRoles", () => {
  it("filters by path prefix and pages in name order without tags", async () => {
    for (const name of ["list-c", "list-a", "list-b"]) {
      await create({ RoleName: name, Path: "/listing/", Tags: [{ Key: "k", Value: "v" }] });
    }
    const first = await server.iam.send(new ListRolesCommand({ PathPrefix: "/listing/", MaxItems: 2 }));
    expect(first.Roles?.map((r) => r.RoleName)).toEqual(["list-a", "list-b"]);
    expect(first.IsTruncated).toBe(true);
    expect(first.Roles?.[0]?.Tags).toBeUndefined();
    expect(first.Roles?.[0]?.AssumeRolePolicyDocument).toBe(encodeURIComponent(TRUST));
    const second = await server.iam.send(
      new ListRolesCommand({ PathPrefix: "/listing/", MaxItems: 2, Marker: first.Marker }),
    );
    expect(second.Roles?.map((r) => r.RoleName)).toEqual(["list-c"]);
    expect(second.IsTruncated).toBe(false);
    const all = await server.iam.send(new ListRolesCommand({}));
    expect(all.Roles?.map((r) => r.RoleName)).toEqual(expect.arrayContaining(["list-a", "AppUser"]));
    const none = await server.iam.send(new ListRolesCommand({ PathPrefix: "/nothing-here/" }));
    expect(none.Roles ?? []).toEqual([]);
  });
});

describe("changing a role", () => {
  beforeAll(async () => {
    await create({ RoleName: "Mutable" });
  });
  const get = async () => (await server.iam.send(new GetRoleCommand({ RoleName: "Mutable" }))).Role;

  it("updates the description and the maximum session duration", async () => {
    const out = await server.iam.send(
      new UpdateRoleCommand({ RoleName: "Mutable", Description: "now", MaxSessionDuration: 43200 }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await get())?.Description).toBe("now");
    expect((await get())?.MaxSessionDuration).toBe(43200);
    await server.iam.send(new UpdateRoleCommand({ RoleName: "Mutable", MaxSessionDuration: 7200 }));
    expect((await get())?.Description).toBe("now");
    expect((await get())?.MaxSessionDuration).toBe(7200);
    const short = await errorOf(() =>
      server.iam.send(new UpdateRoleCommand({ RoleName: "Mutable", MaxSessionDuration: 3599 })),
    );
    expect(short.name).toBe("ValidationError");
    const missing = await errorOf(() => server.iam.send(new UpdateRoleCommand({ RoleName: "Nope", Description: "x" })));
    expect(missing.name).toBe("NoSuchEntityException");
  });

  it("replaces the trust policy, refusing a malformed one", async () => {
    const next = JSON.stringify({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/idp.example.com` },
        Action: "sts:AssumeRoleWithWebIdentity",
      },
    });
    await server.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "Mutable", PolicyDocument: next }));
    expect((await get())?.AssumeRolePolicyDocument).toBe(encodeURIComponent(next));
    const error = await errorOf(() =>
      server.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: "Mutable",
          PolicyDocument: '{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}',
        }),
      ),
    );
    expect(error.name).toBe("MalformedPolicyDocumentException");
    expect(error.message).toBe("Missing required field Principal");
    expect((await get())?.AssumeRolePolicyDocument).toBe(encodeURIComponent(next));
    const missing = await errorOf(() =>
      server.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "Nope", PolicyDocument: next })),
    );
    expect(missing.name).toBe("NoSuchEntityException");
  });

  it("tags, overwrites, untags and pages tags", async () => {
    await server.iam.send(
      new TagRoleCommand({
        RoleName: "Mutable",
        Tags: [
          { Key: "b", Value: "2" },
          { Key: "a", Value: "1" },
          { Key: "c", Value: "3" },
        ],
      }),
    );
    await server.iam.send(new TagRoleCommand({ RoleName: "Mutable", Tags: [{ Key: "b", Value: "two" }] }));
    const first = await server.iam.send(new ListRoleTagsCommand({ RoleName: "Mutable", MaxItems: 2 }));
    expect(first.Tags).toEqual([
      { Key: "a", Value: "1" },
      { Key: "b", Value: "two" },
    ]);
    expect(first.IsTruncated).toBe(true);
    const second = await server.iam.send(new ListRoleTagsCommand({ RoleName: "Mutable", Marker: first.Marker }));
    expect(second.Tags).toEqual([{ Key: "c", Value: "3" }]);
    expect(second.IsTruncated).toBe(false);
    await server.iam.send(new UntagRoleCommand({ RoleName: "Mutable", TagKeys: ["a", "c"] }));
    expect((await get())?.Tags).toEqual([{ Key: "b", Value: "two" }]);
    const dup = await errorOf(() =>
      server.iam.send(
        new TagRoleCommand({
          RoleName: "Mutable",
          Tags: [
            { Key: "x", Value: "1" },
            { Key: "X", Value: "2" },
          ],
        }),
      ),
    );
    expect(dup.name).toBe("InvalidInputException");
    expect(dup.message).toBe("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `t${i}`, Value: "" }));
    const limit = await errorOf(() => server.iam.send(new TagRoleCommand({ RoleName: "Mutable", Tags: many })));
    expect(limit.name).toBe("LimitExceededException");
    expect(limit.message).toBe("Cannot exceed quota for TagsPerRole: 50");
    expect(limit.$metadata?.httpStatusCode).toBe(409);
    for (const command of [
      new TagRoleCommand({ RoleName: "Nope", Tags: [{ Key: "k", Value: "v" }] }),
      new UntagRoleCommand({ RoleName: "Nope", TagKeys: ["k"] }),
      new ListRoleTagsCommand({ RoleName: "Nope" }),
    ]) {
      // Each is an IAM command; send's overloads do not accept the union, hence the narrowing cast.
      const error = await errorOf(() => server.iam.send(command as ListRoleTagsCommand));
      expect(error.name).toBe("NoSuchEntityException");
      expect(error.message).toBe("The role with name Nope cannot be found.");
    }
  });
});

describe("inline policies and DeleteRole", () => {
  beforeAll(async () => {
    await create({ RoleName: "WithPolicies" });
  });

  it("puts, gets (URL-encoded), lists, replaces and deletes inline policies", async () => {
    await server.iam.send(
      new PutRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: "read", PolicyDocument: PERMISSIONS }),
    );
    await server.iam.send(
      new PutRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: "audit", PolicyDocument: PERMISSIONS }),
    );
    const got = await server.iam.send(new GetRolePolicyCommand({ RoleName: "withpolicies", PolicyName: "read" }));
    expect(got).toMatchObject({
      RoleName: "WithPolicies",
      PolicyName: "read",
      PolicyDocument: encodeURIComponent(PERMISSIONS),
    });
    const first = await server.iam.send(new ListRolePoliciesCommand({ RoleName: "WithPolicies", MaxItems: 1 }));
    expect(first.PolicyNames).toEqual(["audit"]);
    expect(first.IsTruncated).toBe(true);
    const second = await server.iam.send(
      new ListRolePoliciesCommand({ RoleName: "WithPolicies", Marker: first.Marker }),
    );
    expect(second.PolicyNames).toEqual(["read"]);
    expect(second.IsTruncated).toBe(false);
    const replaced = PERMISSIONS.replace("s3:GetObject", "s3:PutObject");
    await server.iam.send(
      new PutRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: "read", PolicyDocument: replaced }),
    );
    const again = await server.iam.send(new GetRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: "read" }));
    expect(decodeURIComponent(again.PolicyDocument ?? "")).toBe(replaced);
  });

  it.each([
    [
      "with a Principal",
      { Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" },
      "Policy document should not specify a principal.",
    ],
    ["without Resource", { Effect: "Allow", Action: "s3:*" }, "Policy statement must contain resources."],
    ["without Action", { Effect: "Allow", Resource: "*" }, "Policy statement must contain actions."],
  ])("answers MalformedPolicyDocument for a permission policy %s", async (_what, statement, message) => {
    const doc = JSON.stringify({ Version: "2012-10-17", Statement: statement });
    const error = await errorOf(() =>
      server.iam.send(new PutRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: "bad", PolicyDocument: doc })),
    );
    expect(error.name).toBe("MalformedPolicyDocumentException");
    expect(error.message).toBe(message);
    const missing = await errorOf(() =>
      server.iam.send(new GetRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: "bad" })),
    );
    expect(missing.name).toBe("NoSuchEntityException");
    expect(missing.message).toBe("The role policy with name bad cannot be found.");
  });

  it("answers NoSuchEntity for policies of unknown roles and unknown policies", async () => {
    const put = await errorOf(() =>
      server.iam.send(new PutRolePolicyCommand({ RoleName: "Nope", PolicyName: "p", PolicyDocument: PERMISSIONS })),
    );
    expect(put.message).toBe("The role with name Nope cannot be found.");
    const list = await errorOf(() => server.iam.send(new ListRolePoliciesCommand({ RoleName: "Nope" })));
    expect(list.name).toBe("NoSuchEntityException");
    const del = await errorOf(() =>
      server.iam.send(new DeleteRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: "never" })),
    );
    expect(del.name).toBe("NoSuchEntityException");
    expect(del.message).toBe("The role policy with name never cannot be found.");
    expect(del.$metadata?.httpStatusCode).toBe(404);
  });

  it("refuses to delete a role with inline policies (409 DeleteConflict), then deletes it once they are gone", async () => {
    const conflict = await errorOf(() => server.iam.send(new DeleteRoleCommand({ RoleName: "WithPolicies" })));
    expect(conflict.name).toBe("DeleteConflictException");
    expect(conflict.message).toBe("Cannot delete entity, must delete policies first.");
    expect(conflict.$metadata?.httpStatusCode).toBe(409);
    for (const name of ["read", "audit"]) {
      await server.iam.send(new DeleteRolePolicyCommand({ RoleName: "WithPolicies", PolicyName: name }));
    }
    const empty = await server.iam.send(new ListRolePoliciesCommand({ RoleName: "WithPolicies" }));
    expect(empty.PolicyNames ?? []).toEqual([]);
    const deleted = await server.iam.send(new DeleteRoleCommand({ RoleName: "WithPolicies" }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const gone = await errorOf(() => server.iam.send(new GetRoleCommand({ RoleName: "WithPolicies" })));
    expect(gone.name).toBe("NoSuchEntityException");
    const again = await errorOf(() => server.iam.send(new DeleteRoleCommand({ RoleName: "WithPolicies" })));
    expect(again.name).toBe("NoSuchEntityException");
    expect(again.message).toBe("The role with name WithPolicies cannot be found.");
  });
});
