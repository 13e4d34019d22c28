import { evaluateTrust, type PolicyDocument, parsePolicy, type TrustRequest } from "../iam/index.js";
import { type Clock, type IdSource, parseRoleArn } from "../shared/index.js";
import type { RoleRecord, Store } from "../store/index.js";
import type { Keyring } from "./keyring.js";
import { mintCredentials, type TemporaryCredentials } from "./mint.js";

export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly principal: TrustRequest["principal"];
  readonly context: TrustRequest["context"];
  readonly tags?: Readonly<Record<string, string>>;
  readonly policy?: string;
  readonly sourceIdentity?: string;
}

export type AssumeRefusal = "no_such_role" | "trust_denied" | "tag_session_denied" | "duration_too_long";

export type AssumeOutcome =
  | { readonly ok: true; readonly credentials: TemporaryCredentials; readonly role: RoleRecord }
  | { readonly ok: false; readonly refusal: AssumeRefusal; readonly detail: string };

/** Parsed trust policies by role record: records are replaced, never mutated, on change. */
const parsedTrust = new WeakMap<RoleRecord, PolicyDocument | undefined>();

function trustPolicyOf(role: RoleRecord): PolicyDocument | undefined {
  if (!parsedTrust.has(role)) {
    const parsed = parsePolicy(role.assumeRolePolicyDocument, "trust");
    parsedTrust.set(role, parsed.ok ? parsed.document : undefined);
  }
  return parsedTrust.get(role);
}

/**
 * The core of AssumeRoleWithWebIdentity, shared by the STS operation and by
 * GetCredentialsForIdentity (which "calls STS itself", reference §6.2): the role must exist in
 * this account, its trust policy must allow the action for this principal under these condition
 * values, and `sts:TagSession` too when the session carries tags (reference §3.7).
 */
export class RoleAssumer {
  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly accountId: string,
  ) {}

  async assume(input: AssumeRoleInput): Promise<AssumeOutcome> {
    const parsed = parseRoleArn(input.roleArn);
    const role =
      parsed && parsed.accountId === this.accountId ? await this.store.roles.get(parsed.roleName) : undefined;
    if (!role || role.arn !== input.roleArn) {
      return { ok: false, refusal: "no_such_role", detail: `no role ${input.roleArn} in account ${this.accountId}` };
    }
    const policy = trustPolicyOf(role);
    const request = { principal: input.principal, context: input.context };
    if (!policy || evaluateTrust(policy, { ...request, action: "sts:AssumeRoleWithWebIdentity" }) !== "allow") {
      return {
        ok: false,
        refusal: "trust_denied",
        detail: `the trust policy of ${role.arn} does not allow this session`,
      };
    }
    const tagged = input.tags !== undefined && Object.keys(input.tags).length > 0;
    if (tagged && evaluateTrust(policy, { ...request, action: "sts:TagSession" }) !== "allow") {
      return {
        ok: false,
        refusal: "tag_session_denied",
        detail: `the trust policy of ${role.arn} does not allow sts:TagSession`,
      };
    }
    if (input.durationSeconds > role.maxSessionDurationSeconds) {
      return {
        ok: false,
        refusal: "duration_too_long",
        detail: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      };
    }
    const credentials = mintCredentials(
      {
        accountId: this.accountId,
        roleArn: role.arn,
        roleName: role.roleName,
        roleId: role.roleId,
        sessionName: input.sessionName,
        durationSeconds: input.durationSeconds,
        ...(tagged && input.tags ? { tags: input.tags } : {}),
        ...(input.policy ? { policy: input.policy } : {}),
        ...(input.sourceIdentity ? { sourceIdentity: input.sourceIdentity } : {}),
      },
      this.keyring,
      this.clock,
      this.ids,
    );
    return { ok: true, credentials, role };
  }
}
