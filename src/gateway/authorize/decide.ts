import { evaluatePermission } from "../../iam/index.js";
import type { Principal } from "../../shared/index.js";
import type { GatewayDeps } from "../deps.js";
import { refuse } from "../refusal.js";
import { INVOKE_ACTION } from "../request/invoke-resource.js";
import { type ConnectionFacts, requestContext } from "./request-context.js";

/**
 * Whether the caller may invoke `resource`: the root credentials always (the account itself, as
 * root is on AWS); a role session when its role's policies allow execute-api:Invoke there and, if
 * it was issued with session policies (a guest's scope-down, AssumeRoleWithWebIdentity's Policy or
 * PolicyArns), those allow it too, and nothing denies it (IAM's evaluation logic). Refusals carry
 * API Gateway's message, naming the caller, the action and the resource.
 */
export async function authorize(
  deps: Pick<GatewayDeps, "policies" | "clock">,
  principal: Principal,
  resource: string,
  connection: ConnectionFacts,
): Promise<void> {
  if (principal.kind === "root") return;
  const session = principal.session;
  if (!session) throw new Error("temporary credentials without a session reached the gateway");
  const [identity, sessionPolicies] = await Promise.all([
    deps.policies.rolePolicies(session.roleArn),
    deps.policies.sessionPolicies(session),
  ]);
  const decision = evaluatePermission(
    { identity: identity ?? [], ...(sessionPolicies ? { session: sessionPolicies } : {}) },
    {
      action: INVOKE_ACTION,
      resource,
      context: requestContext({ ...principal, session }, connection, deps.clock.nowMs()),
    },
  );
  if (decision === "allow") return;
  const explicit = decision === "explicit_deny" ? " with an explicit deny" : "";
  throw refuse(
    `User: ${principal.arn} is not authorized to perform: ${INVOKE_ACTION} on resource: ${resource}${explicit}`,
  );
}
