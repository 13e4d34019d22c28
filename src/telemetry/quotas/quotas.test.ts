import { describe, expect, it } from "vitest";
import { ConfigError } from "../../config/index.js";
import { isServiceError } from "../../errors/index.js";
import { ManualClock } from "../../shared/index.js";
import { AWS_DEFAULT_QUOTAS } from "./aws-defaults.js";
import { createQuotaAdmitter, resolveQuotas } from "./quotas.js";

const SERVED = ["GetId", "GetCredentialsForIdentity", "ListIdentities", "AssumeRoleWithWebIdentity", "CreateRole"];

/** The error an admitter throws, or undefined when it admits. */
function refusal(admit: (op: string) => void, op: string): unknown {
  try {
    admit(op);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("resolveQuotas", () => {
  it("takes the --quota rates as given when there are no defaults", () => {
    expect(resolveQuotas({ quotas: { GetId: 2, CreateRole: 0.5 }, quotaDefaults: undefined }, SERVED)).toEqual({
      GetId: 2,
      CreateRole: 0.5,
    });
  });

  it("loads AWS's table for --quota-defaults aws, and a --quota overrides its operation", () => {
    const quotas = resolveQuotas({ quotas: { GetId: 3, AssumeRoleWithWebIdentity: 7 }, quotaDefaults: "aws" }, SERVED);
    expect(quotas).toEqual({ ...AWS_DEFAULT_QUOTAS, GetId: 3, AssumeRoleWithWebIdentity: 7 });
    expect(AWS_DEFAULT_QUOTAS.GetId).toBe(25);
  });

  it("holds AWS's published figures (Quotas in Amazon Cognito, identity pools request rates)", () => {
    expect(AWS_DEFAULT_QUOTAS).toEqual({
      GetId: 25,
      GetOpenIdToken: 200,
      GetCredentialsForIdentity: 200,
      GetOpenIdTokenForDeveloperIdentity: 50,
      ListIdentities: 5,
      DeleteIdentities: 10,
      TagResource: 5,
      UntagResource: 5,
      ListTagsForResource: 10,
    });
  });

  it("refuses a --quota naming no operation idpool serves, naming the flag", () => {
    const resolve = () => resolveQuotas({ quotas: { GetIdentity: 1 }, quotaDefaults: undefined }, SERVED);
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(
      "--quota (IDPOOL_QUOTA): idpool serves no operation named 'GetIdentity'; operation names are AWS's, such as GetId, AssumeRoleWithWebIdentity or CreateRole",
    );
  });

  it("suggests the operation a --quota misspells only in case", () => {
    expect(() => resolveQuotas({ quotas: { getid: 1 }, quotaDefaults: undefined }, SERVED)).toThrow(
      "--quota (IDPOOL_QUOTA): idpool serves no operation named 'getid'; did you mean GetId?",
    );
  });
});

describe("createQuotaAdmitter", () => {
  it("is absent when no quota is set", () => {
    expect(createQuotaAdmitter({}, new ManualClock(0))).toBeUndefined();
  });

  it("throws TooManyRequestsException (Query code Throttling), 400, `Rate exceeded`, over the quota", () => {
    const admit = createQuotaAdmitter({ GetId: 2 }, new ManualClock(0));
    if (!admit) throw new Error("expected an admitter");
    expect([refusal(admit, "GetId"), refusal(admit, "GetId")]).toEqual([undefined, undefined]);
    const error = refusal(admit, "GetId");
    if (!isServiceError(error)) throw new Error("expected a ServiceError");
    expect([error.code, error.queryCode, error.status, error.queryStatus, error.message]).toEqual([
      "TooManyRequestsException",
      "Throttling",
      400,
      400,
      "Rate exceeded",
    ]);
  });

  it("keeps one bucket per operation and leaves operations without a quota alone", () => {
    const clock = new ManualClock(0);
    const admit = createQuotaAdmitter({ GetId: 1, CreateRole: 1 }, clock);
    if (!admit) throw new Error("expected an admitter");
    expect(refusal(admit, "GetId")).toBeUndefined();
    expect(isServiceError(refusal(admit, "GetId"))).toBe(true);
    expect(refusal(admit, "CreateRole")).toBeUndefined();
    for (let i = 0; i < 100; i++) expect(refusal(admit, "ListIdentities")).toBeUndefined();
    clock.advanceMs(1_000);
    expect(refusal(admit, "GetId")).toBeUndefined();
  });
});
