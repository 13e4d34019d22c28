import { serviceError } from "../../errors/index.js";
import { parsePolicy } from "../../iam/index.js";
import { defineOperation, int, list, type Operation, required, str, struct } from "../../protocol/index.js";
import type { StsDeps } from "../deps.js";
import { COGNITO_IDENTITY, DEFAULT_SESSION_SECONDS } from "../sessions/cognito-session.js";
import type { RoleAssumer } from "../sessions/role-assumer.js";
import { verifyWebIdentity } from "../sessions/web-identity.js";

/** Session tags and the inline policy share a packed budget; report it as AWS does, in percent. */
function packedPolicySize(
  policy: string | undefined,
  tags: Readonly<Record<string, string>> | undefined,
): number | undefined {
  if (!policy && !tags) return undefined;
  const tagBytes = Object.entries(tags ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);
  return Math.ceil((((policy?.length ?? 0) + tagBytes) / 2048) * 100);
}

/** STS AssumeRoleWithWebIdentity (unsigned, AWS Query; reference §1.3, §6.4). */
export function assumeRoleWithWebIdentity(deps: StsDeps & { readonly assumer: RoleAssumer }): Operation {
  return defineOperation({
    service: "sts",
    name: "AssumeRoleWithWebIdentity",
    auth: "none",
    input: struct({
      RoleArn: required(str({ min: 20, max: 2048 })),
      RoleSessionName: required(str({ min: 2, max: 64, pattern: "[\\w+=,.@-]*" })),
      WebIdentityToken: required(str({ min: 4, max: 20000 })),
      ProviderId: str({ min: 4, max: 2048 }),
      PolicyArns: list(struct({ Arn: str({ min: 20, max: 2048 }) }), { max: 10 }),
      Policy: str({ min: 1, max: 2048 }),
      DurationSeconds: int({ min: 900, max: 43200 }),
    }),
    async handle(input, ctx) {
      if (input.Policy !== undefined) {
        const parsed = parsePolicy(input.Policy, "permission");
        if (!parsed.ok) throw serviceError("StsMalformedPolicyDocument", parsed.reason);
      }
      const identity = await verifyWebIdentity(deps, input.WebIdentityToken, ctx.log);
      const outcome = await deps.assumer.assume({
        roleArn: input.RoleArn,
        sessionName: input.RoleSessionName,
        durationSeconds: input.DurationSeconds ?? DEFAULT_SESSION_SECONDS,
        principal: identity.principal,
        context: identity.context,
        ...(identity.tags ? { tags: identity.tags } : {}),
        ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
        ...(input.PolicyArns !== undefined
          ? { policyArns: input.PolicyArns.flatMap((p) => (p.Arn ? [p.Arn] : [])) }
          : {}),
      });
      if (!outcome.ok) {
        ctx.log.info(
          { roleArn: input.RoleArn, refusal: outcome.refusal, detail: outcome.detail },
          "assume role refused",
        );
        if (outcome.refusal === "duration_too_long") throw serviceError("ValidationException", outcome.detail);
        throw serviceError("StsAccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
      }
      const c = outcome.credentials;
      const cognito = identity.provider === COGNITO_IDENTITY;
      deps.events.emit({
        type: "credentials_issued",
        poolId: cognito ? identity.audience : undefined,
        identityId: cognito ? identity.subject : undefined,
        loginsKeys: [identity.provider],
        roleArn: outcome.role.arn,
        expiresAtMs: c.expiration.getTime(),
      });
      return {
        Credentials: {
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          SessionToken: c.sessionToken,
          Expiration: c.expiration,
        },
        SubjectFromWebIdentityToken: identity.subject,
        AssumedRoleUser: { AssumedRoleId: c.assumedRoleId, Arn: c.assumedRoleArn },
        PackedPolicySize: packedPolicySize(input.Policy, identity.tags),
        Provider: identity.provider,
        Audience: identity.audience,
      };
    },
  });
}
