import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  type ListPoliciesCommandInput,
  SetDefaultPolicyVersionCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/shared/index.js";
import { errorOf, startTestServer, type TestServer } from "../support/server.js";

/** IAM customer managed policies and their attachment to roles, through the official SDK. */
let server: TestServer;
const clock = new ManualClock(Date.now());
const ACCOUNT = "000000000000";
const arnOf = (name: string, path = "/") => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.stop();
});

/** Written with spaces and new lines on purpose: IAM returns the text as written, URL-encoded. */
const doc = (action: string) => `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "${action}", "Resource": "*" }]
}`;
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: {
    Effect: "Allow",
    Principal: { Federated: "cognito-identity.amazonaws.com" },
    Action: "sts:AssumeRoleWithWebIdentity",
  },
});

const createPolicy = (name: string, extra: { Path?: string; Description?: string } = {}) =>
  server.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc("s3:GetObject"), ...extra }));
const createRole = (name: string) =>
  server.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST }));
const attach = (role: string, arn: string) =>
  server.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
const getPolicy = async (arn: string) => (await server.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;

describe("CreatePolicy, GetPolicy and GetPolicyVersion", () => {
  it("creates a policy with IAM's id, ARN, v1 default and counts, and returns the document URL-encoded", async () => {
    const out = await server.iam.send(
      new CreatePolicyCommand({
        PolicyName: "ReadObjects",
        Path: "/app/",
        PolicyDocument: doc("s3:GetObject"),
        Description: "read",
        Tags: [{ Key: "team", Value: "web" }],
      }),
    );
    const policy = out.Policy;
    expect(policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(policy?.Arn).toBe(arnOf("ReadObjects", "/app/"));
    expect(policy).toMatchObject({
      PolicyName: "ReadObjects",
      Path: "/app/",
      DefaultVersionId: "v1",
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Description: "read",
      Tags: [{ Key: "team", Value: "web" }],
    });
    expect(policy?.CreateDate).toEqual(new Date(clock.nowMs()));
    expect(policy?.UpdateDate).toEqual(new Date(clock.nowMs()));
    expect(await getPolicy(arnOf("ReadObjects", "/app/"))).toEqual(policy);
    const version = await server.iam.send(
      new GetPolicyVersionCommand({ PolicyArn: arnOf("ReadObjects", "/app/"), VersionId: "v1" }),
    );
    expect(version.PolicyVersion).toEqual({
      Document: encodeURIComponent(doc("s3:GetObject")),
      VersionId: "v1",
      IsDefaultVersion: true,
      CreateDate: new Date(clock.nowMs()),
    });
  });

  it("answers 409 EntityAlreadyExists for a name taken in another case or path", async () => {
    await createPolicy("Taken");
    const error = await errorOf(() => createPolicy("TAKEN", { Path: "/other/" }));
    expect(error.name).toBe("EntityAlreadyExistsException");
    expect(error.message).toBe("A policy called TAKEN already exists. Duplicate names are not allowed.");
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it("answers MalformedPolicyDocument, LimitExceeded for 6,145 characters, and ValidationError for a bad path", async () => {
    const principal = JSON.stringify({
      Version: "2012-10-17",
      Statement: { Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" },
    });
    const malformed = await errorOf(() =>
      server.iam.send(new CreatePolicyCommand({ PolicyName: "Bad", PolicyDocument: principal })),
    );
    expect(malformed.name).toBe("MalformedPolicyDocumentException");
    expect(malformed.message).toBe("Policy document should not specify a principal.");
    // White space does not count: 6,144 characters fit however much space surrounds them.
    const sized = (total: number) => {
      const base = JSON.stringify({
        Version: "2012-10-17",
        Statement: { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::" },
      });
      return base.replace('"arn:aws:s3:::"', `"arn:aws:s3:::${"r".repeat(total - base.length)}"`);
    };
    expect(sized(6144).length).toBe(6144);
    const fits = `  ${sized(6144)}\n\n  `;
    await server.iam.send(new CreatePolicyCommand({ PolicyName: "Big", PolicyDocument: fits }));
    const big = await errorOf(() =>
      server.iam.send(new CreatePolicyCommand({ PolicyName: "TooBig", PolicyDocument: sized(6145) })),
    );
    expect(big.name).toBe("LimitExceededException");
    expect(big.message).toBe("Cannot exceed quota for PolicySize: 6144");
    expect(big.$metadata?.httpStatusCode).toBe(409);
    const path = await errorOf(() => createPolicy("Pathless", { Path: "/no-trailing-slash" }));
    expect(path.name).toBe("ValidationError");
  });

  it("answers 404 NoSuchEntity naming the ARN, AWS managed policies included", async () => {
    const aws = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const error = await errorOf(() => getPolicy(aws));
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.message).toBe(`Policy ${aws} was not found.`);
    expect(error.$metadata?.httpStatusCode).toBe(404);
    const version = await errorOf(() =>
      server.iam.send(new GetPolicyVersionCommand({ PolicyArn: arnOf("Taken"), VersionId: "v9" })),
    );
    expect(version.name).toBe("NoSuchEntityException");
    expect(version.message).toBe(`Policy ${arnOf("Taken")} version v9 does not exist or is not attachable.`);
  });
});

describe("policy versions", () => {
  const ARN = arnOf("Versioned");
  beforeAll(async () => {
    await createPolicy("Versioned");
  });
  const createVersion = (action: string, SetAsDefault?: boolean) =>
    server.iam.send(new CreatePolicyVersionCommand({ PolicyArn: ARN, PolicyDocument: doc(action), SetAsDefault }));

  it("creates up to five versions, never reusing an id, and sets the default", async () => {
    clock.advanceMs(60_000);
    const v2 = await createVersion("s3:PutObject");
    expect(v2.PolicyVersion).toEqual({ VersionId: "v2", IsDefaultVersion: false, CreateDate: new Date(clock.nowMs()) });
    expect((await getPolicy(ARN))?.UpdateDate).toEqual(new Date(clock.nowMs()));
    expect((await createVersion("s3:ListBucket", true)).PolicyVersion?.IsDefaultVersion).toBe(true);
    expect((await getPolicy(ARN))?.DefaultVersionId).toBe("v3");
    await createVersion("s3:A");
    await createVersion("s3:B");
    const limit = await errorOf(() => createVersion("s3:C"));
    expect(limit.name).toBe("LimitExceededException");
    expect(limit.message).toBe(
      "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
    );
    expect(limit.$metadata?.httpStatusCode).toBe(409);
    await server.iam.send(new DeletePolicyVersionCommand({ PolicyArn: ARN, VersionId: "v5" }));
    expect((await createVersion("s3:D")).PolicyVersion?.VersionId).toBe("v6");
    await server.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: ARN, VersionId: "v1" }));
    const v1 = await server.iam.send(new GetPolicyVersionCommand({ PolicyArn: ARN, VersionId: "v1" }));
    expect(v1.PolicyVersion?.IsDefaultVersion).toBe(true);
    expect((await getPolicy(ARN))?.DefaultVersionId).toBe("v1");
  });

  it("refuses to delete the default version (409 DeleteConflict) and answers NoSuchEntity for unknown versions", async () => {
    const conflict = await errorOf(() =>
      server.iam.send(new DeletePolicyVersionCommand({ PolicyArn: ARN, VersionId: "v1" })),
    );
    expect(conflict.name).toBe("DeleteConflictException");
    expect(conflict.message).toBe("Cannot delete the default version of a policy.");
    expect(conflict.$metadata?.httpStatusCode).toBe(409);
    for (const command of [
      new DeletePolicyVersionCommand({ PolicyArn: ARN, VersionId: "v5" }),
      new SetDefaultPolicyVersionCommand({ PolicyArn: ARN, VersionId: "v5" }),
    ]) {
      const error = await errorOf(() => server.iam.send(command as DeletePolicyVersionCommand));
      expect(error.name).toBe("NoSuchEntityException");
      expect(error.message).toBe(`Policy ${ARN} version v5 does not exist or is not attachable.`);
    }
    const bad = await errorOf(() =>
      server.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: ARN, VersionId: "1" })),
    );
    expect(bad.name).toBe("ValidationError");
  });

  it("refuses DeletePolicy while other versions remain, then deletes it with its default version", async () => {
    const conflict = await errorOf(() => server.iam.send(new DeletePolicyCommand({ PolicyArn: ARN })));
    expect(conflict.name).toBe("DeleteConflictException");
    expect(conflict.message).toBe(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
    for (const v of ["v2", "v3", "v4", "v6"]) {
      await server.iam.send(new DeletePolicyVersionCommand({ PolicyArn: ARN, VersionId: v }));
    }
    await server.iam.send(new DeletePolicyCommand({ PolicyArn: ARN }));
    const gone = await errorOf(() => getPolicy(ARN));
    expect(gone.message).toBe(`Policy ${ARN} was not found.`);
    const again = await errorOf(() => server.iam.send(new DeletePolicyCommand({ PolicyArn: ARN })));
    expect(again.name).toBe("NoSuchEntityException");
  });
});

describe("attaching policies to roles", () => {
  beforeAll(async () => {
    await createRole("Attached");
    for (let i = 0; i < 11; i++) await createPolicy(`Quota${String(i).padStart(2, "0")}`, { Path: "/quota/" });
  });

  it("attaches, counts, lists (by path prefix, paged) and detaches", async () => {
    const arn = arnOf("Quota00", "/quota/");
    await attach("Attached", arn);
    await attach("attached", arn); // attached already: nothing changes
    expect((await getPolicy(arn))?.AttachmentCount).toBe(1);
    await attach("Attached", arnOf("ReadObjects", "/app/"));
    const first = await server.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "Attached", MaxItems: 1 }));
    expect(first.AttachedPolicies).toEqual([{ PolicyName: "Quota00", PolicyArn: arn }]);
    expect(first.IsTruncated).toBe(true);
    const second = await server.iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "Attached", Marker: first.Marker }),
    );
    expect(second.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(["ReadObjects"]);
    expect(second.IsTruncated).toBe(false);
    const byPath = await server.iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: "Attached", PathPrefix: "/app/" }),
    );
    expect(byPath.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(["ReadObjects"]);
    await server.iam.send(
      new DetachRolePolicyCommand({ RoleName: "Attached", PolicyArn: arnOf("ReadObjects", "/app/") }),
    );
    expect((await getPolicy(arnOf("ReadObjects", "/app/")))?.AttachmentCount).toBe(0);
  });

  it("lists policies by scope, attachment, path prefix and usage, in name order", async () => {
    const names = async (input: ListPoliciesCommandInput) =>
      ((await server.iam.send(new ListPoliciesCommand(input))).Policies ?? []).map((p) => p.PolicyName);
    expect(await names({ PathPrefix: "/quota/", MaxItems: 3 })).toEqual(["Quota00", "Quota01", "Quota02"]);
    expect(await names({ OnlyAttached: true })).toEqual(["Quota00"]);
    expect(await names({ Scope: "AWS" })).toEqual([]);
    expect(await names({ Scope: "Local", PolicyUsageFilter: "PermissionsBoundary" })).toEqual([]);
    expect(await names({ Scope: "All", PathPrefix: "/app/", PolicyUsageFilter: "PermissionsPolicy" })).toEqual([
      "ReadObjects",
    ]);
    const listed = (await server.iam.send(new ListPoliciesCommand({ OnlyAttached: true }))).Policies?.[0];
    expect(listed).toMatchObject({ AttachmentCount: 1, DefaultVersionId: "v1", IsAttachable: true });
    expect(listed?.Description).toBeUndefined();
    expect(listed?.Tags).toBeUndefined();
    const paged = await server.iam.send(new ListPoliciesCommand({ PathPrefix: "/quota/", MaxItems: 10 }));
    expect(paged.IsTruncated).toBe(true);
    const rest = await server.iam.send(new ListPoliciesCommand({ PathPrefix: "/quota/", Marker: paged.Marker }));
    expect(rest.Policies?.map((p) => p.PolicyName)).toEqual(["Quota10"]);
  });

  it("answers LimitExceeded past 10 policies per role", async () => {
    for (let i = 1; i < 10; i++) await attach("Attached", arnOf(`Quota${String(i).padStart(2, "0")}`, "/quota/"));
    const limit = await errorOf(() => attach("Attached", arnOf("Quota10", "/quota/")));
    expect(limit.name).toBe("LimitExceededException");
    expect(limit.message).toBe("Cannot exceed quota for PoliciesPerRole: 10");
    expect(limit.$metadata?.httpStatusCode).toBe(409);
  });

  it("answers NoSuchEntity for unknown roles, unknown or AWS managed policies, and detaching what is not attached", async () => {
    const aws = "arn:aws:iam::aws:policy/AdministratorAccess";
    const unknown = await errorOf(() => attach("Attached", aws));
    expect(unknown.name).toBe("NoSuchEntityException");
    expect(unknown.message).toBe(`Policy ${aws} does not exist or is not attachable.`);
    expect(unknown.$metadata?.httpStatusCode).toBe(404);
    const noRole = await errorOf(() => attach("Nobody", arnOf("Quota10", "/quota/")));
    expect(noRole.message).toBe("The role with name Nobody cannot be found.");
    const detach = await errorOf(() =>
      server.iam.send(new DetachRolePolicyCommand({ RoleName: "Attached", PolicyArn: arnOf("Quota10", "/quota/") })),
    );
    expect(detach.name).toBe("NoSuchEntityException");
    expect(detach.message).toBe(`Policy ${arnOf("Quota10", "/quota/")} was not found.`);
    const list = await errorOf(() => server.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "Nobody" })));
    expect(list.name).toBe("NoSuchEntityException");
  });

  it("refuses DeletePolicy while attached and DeleteRole while policies are attached (409 DeleteConflict)", async () => {
    const arn = arnOf("Quota00", "/quota/");
    const policy = await errorOf(() => server.iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
    expect(policy.name).toBe("DeleteConflictException");
    expect(policy.message).toBe("Cannot delete a policy attached to entities.");
    expect(policy.$metadata?.httpStatusCode).toBe(409);
    const role = await errorOf(() => server.iam.send(new DeleteRoleCommand({ RoleName: "Attached" })));
    expect(role.name).toBe("DeleteConflictException");
    expect(role.message).toBe("Cannot delete entity, must detach all policies first.");
    const attached = await server.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "Attached" }));
    for (const p of attached.AttachedPolicies ?? []) {
      await server.iam.send(new DetachRolePolicyCommand({ RoleName: "Attached", PolicyArn: p.PolicyArn }));
    }
    await server.iam.send(new DeleteRoleCommand({ RoleName: "Attached" }));
    await server.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect((await errorOf(() => getPolicy(arn))).name).toBe("NoSuchEntityException");
  });
});
