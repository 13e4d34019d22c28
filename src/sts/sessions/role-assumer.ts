import { evaluateTrust, findRoleByArn, type TrustRequest, trustPolicyOf } from "../../iam/index.js";
import type { RoleRecord } from "../../store/index.js";
import { mintCredentials, type TemporaryCredentials } from "../credentials/mint.js";
import type { StsDeps } from "../deps.js";

export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly principal: TrustRequest["principal"];
  readonly context: TrustRequest["context"];
  readonly tags?: Readonly<Record<string, string>>;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  readonly sourceIdentity?: string;
}

export type AssumeRefusal = "no_such_role" | "trust_denied" | "tag_session_denied" | "duration_too_long";

export type AssumeOutcome =
  | { readonly ok: true; readonly credentials: TemporaryCredentials; readonly role: RoleRecord }
  | { readonly ok: false; readonly refusal: AssumeRefusal; readonly detail: string };

/**
 * The core of AssumeRoleWithWebIdentity, shared by the STS operation and by
 * GetCredentialsForIdentity (which "calls STS itself", reference §6.2): the role must exist in
 * this account, its trust policy must allow the action for this principal under these condition
 * values, and `sts:TagSession` too when the session carries tags (reference §3.7).
 */
export class RoleAssumer {
  constructor(private readonly deps: Pick<StsDeps, "store" | "keyring" | "clock" | "ids" | "accountId">) {}

  async assume(input: AssumeRoleInput): Promise<AssumeOutcome> {
    // IAM's rule, owned by iam/: the name matches without regard to case, the path exactly; the
    // credentials then carry the role as stored.
    const role = await findRoleByArn(this.deps.store, this.deps.accountId, input.roleArn);
    if (!role) {
      return {
        ok: false,
        refusal: "no_such_role",
        detail: `no role ${input.roleArn} in account ${this.deps.accountId}`,
      };
    }
    const policy = trustPolicyOf(role);
    const request = { principal: input.principal, context: input.context };
    if (evaluateTrust(policy, { ...request, action: "sts:AssumeRoleWithWebIdentity" }) !== "allow") {
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
        accountId: this.deps.accountId,
        roleArn: role.arn,
        roleName: role.roleName,
        roleId: role.roleId,
        sessionName: input.sessionName,
        durationSeconds: input.durationSeconds,
        ...(tagged && input.tags ? { tags: input.tags } : {}),
        ...(input.policy ? { policy: input.policy } : {}),
        ...(input.policyArns ? { policyArns: input.policyArns } : {}),
        context: input.context,
        ...(input.sourceIdentity ? { sourceIdentity: input.sourceIdentity } : {}),
      },
      this.deps.keyring,
      this.deps.clock,
      this.deps.ids,
    );
    return { ok: true, credentials, role };
  }
}
