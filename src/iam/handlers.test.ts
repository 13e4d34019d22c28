import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callOperation, expectServiceError, memoryDeps } from "../../test/support/unit.js";
import type { Operation } from "../protocol/index.js";
import type { Store } from "../store/index.js";
import {
  findOidcProviderByArn,
  findOidcProviderByLoginsKey,
  findRoleByArn,
  iamOperations,
  trustPolicyOf,
} from "./index.js";

/** Handlers against a real in-memory store, through the same validation the framework applies. */
const ACCOUNT = "123456789012";
let store: Store;
let ops: Map<string, Operation>;

beforeEach(async () => {
  const deps = await memoryDeps();
  store = deps.store;
  ops = new Map(iamOperations({ ...deps, accountId: ACCOUNT }).map((op) => [op.name, op]));
});
afterEach(async () => {
  await store.close();
});

async function call(name: string, input: Record<string, unknown>): Promise<object | undefined> {
  const op = ops.get(name);
  if (!op) throw new Error(`no operation ${name}`);
  return callOperation(op, input);
}

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: {
    Effect: "Allow",
    Principal: { Federated: "cognito-identity.amazonaws.com" },
    Action: "sts:AssumeRoleWithWebIdentity",
  },
});

it("registers all 34 IAM operations once, and idpool's AcceptProviderKeys and InspectProviderCertificates", () => {
  expect(ops.size).toBe(36);
  expect([...ops.values()].filter((op) => op.service === "idpool").map((op) => op.name)).toEqual([
    "AcceptProviderKeys",
    "InspectProviderCertificates",
  ]);
});

describe("OIDC providers", () => {
  it("writes nothing when one thumbprint among good ones is bad", async () => {
    await expectServiceError(
      call("CreateOpenIDConnectProvider", {
        Url: "https://idp.example.com",
        ThumbprintList: ["a".repeat(40), "z".repeat(40)],
      }),
      "InvalidInput",
    );
    expect(await store.oidcProviders.list()).toEqual([]);
  });

  it("is found by ARN and by logins key, thumbprints lower-cased", async () => {
    const out = await call("CreateOpenIDConnectProvider", {
      Url: "https://idp.example.com/realm",
      ClientIDList: ["app"],
      ThumbprintList: ["A".repeat(40)],
    });
    expect(out).toEqual({ OpenIDConnectProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/idp.example.com/realm` });
    const byKey = await findOidcProviderByLoginsKey(store, ACCOUNT, "idp.example.com/realm");
    expect(byKey?.url).toBe("https://idp.example.com/realm");
    expect(byKey?.thumbprints).toEqual(["a".repeat(40)]);
    expect(await findOidcProviderByArn(store, `arn:aws:iam::${ACCOUNT}:oidc-provider/idp.example.com/realm`)).toEqual(
      byKey,
    );
  });

  it("refuses the 101st provider with LimitExceeded", async () => {
    for (let i = 0; i < 100; i++) await call("CreateOpenIDConnectProvider", { Url: `https://idp${i}.example.com` });
    await expectServiceError(
      call("CreateOpenIDConnectProvider", { Url: "https://one-more.example.com" }),
      "IamLimitExceeded",
      "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100",
    );
  });

  it("answers ConcurrentModification when every write loses the race", async () => {
    const { OpenIDConnectProviderArn: arn } = (await call("CreateOpenIDConnectProvider", {
      Url: "https://idp.example.com",
    })) as { OpenIDConnectProviderArn: string };
    const realUpdate = store.oidcProviders.update;
    store.oidcProviders.update = async () => false;
    try {
      await expectServiceError(
        call("AddClientIDToOpenIDConnectProvider", { OpenIDConnectProviderArn: arn, ClientID: "x" }),
        "IamConcurrentModification",
        `Another request changed OpenIDConnect Provider ${arn} at the same time; retry the request.`,
      );
    } finally {
      store.oidcProviders.update = realUpdate;
    }
  });

  it("retries a lost race and keeps the other writer's change", async () => {
    const { OpenIDConnectProviderArn: arn } = (await call("CreateOpenIDConnectProvider", {
      Url: "https://idp.example.com",
      ClientIDList: ["a"],
    })) as { OpenIDConnectProviderArn: string };
    const realUpdate = store.oidcProviders.update.bind(store.oidcProviders);
    let raced = false;
    store.oidcProviders.update = async (record, expected) => {
      if (!raced) {
        raced = true;
        const current = await store.oidcProviders.get(arn);
        if (current) await realUpdate({ ...current, clientIds: [...current.clientIds, "other"] }, current.version);
      }
      return realUpdate(record, expected);
    };
    await call("AddClientIDToOpenIDConnectProvider", { OpenIDConnectProviderArn: arn, ClientID: "mine" });
    expect((await store.oidcProviders.get(arn))?.clientIds).toEqual(["a", "other", "mine"]);
  });
});

describe("roles", () => {
  it("gives the role an AROA id of 21 characters and finds it by ARN, path included", async () => {
    const out = (await call("CreateRole", { RoleName: "Web", Path: "/app/", AssumeRolePolicyDocument: TRUST })) as {
      Role: { RoleId: string; Arn: string };
    };
    expect(out.Role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(out.Role.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/app/Web`);
    const found = await findRoleByArn(store, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app/web`);
    expect(found?.roleName).toBe("Web");
    expect(await findRoleByArn(store, ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/Web`)).toBeUndefined();
    expect(await findRoleByArn(store, ACCOUNT, `arn:aws:iam::999999999999:role/app/Web`)).toBeUndefined();
    expect(found && trustPolicyOf(found).Statement[0]?.Principal).toEqual({
      Federated: ["cognito-identity.amazonaws.com"],
    });
  });

  it("writes nothing when the trust policy is malformed", async () => {
    await expectServiceError(
      call("CreateRole", {
        RoleName: "r",
        AssumeRolePolicyDocument: '{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}',
      }),
      "MalformedPolicyDocument",
      "Missing required field Principal",
    );
    expect(await store.roles.list()).toEqual([]);
  });

  it("refuses a trust policy over 2048 non-white-space characters", async () => {
    const long = JSON.stringify({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { Federated: "x.example.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "x.example.com:aud": "a".repeat(2000) } },
      },
    });
    await expectServiceError(
      call("CreateRole", { RoleName: "r", AssumeRolePolicyDocument: long }),
      "IamLimitExceeded",
      "Cannot exceed quota for ACLSizePerRole: 2048",
    );
  });

  it("refuses inline policies beyond 10240 characters in total for a role", async () => {
    await call("CreateRole", { RoleName: "r", AssumeRolePolicyDocument: TRUST });
    const doc = (n: number) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(n)}` },
      });
    await call("PutRolePolicy", { RoleName: "r", PolicyName: "p1", PolicyDocument: doc(5000) });
    await expectServiceError(
      call("PutRolePolicy", { RoleName: "r", PolicyName: "p2", PolicyDocument: doc(5200) }),
      "IamLimitExceeded",
      "Maximum policy size of 10240 bytes exceeded for role r",
    );
    // Replacing p1 counts the new text instead of the old.
    await call("PutRolePolicy", { RoleName: "r", PolicyName: "p1", PolicyDocument: doc(5100) });
    expect(Object.keys((await store.roles.get("r"))?.inlinePolicies ?? {})).toEqual(["p1"]);
  });
});
