import type { Principal, PrincipalSession } from "../../shared/index.js";

/** What the gateway knows of the connection a request came on. */
export interface ConnectionFacts {
  readonly sourceIp: string | undefined;
  readonly secureTransport: boolean;
}

/** `::ffff:127.0.0.1` is how Node reports an IPv4 peer on a dual-stack socket; IAM compares the IPv4 form. */
export function sourceIpOf(remoteAddress: string | undefined): string | undefined {
  return remoteAddress?.startsWith("::ffff:") ? remoteAddress.slice(7) : remoteAddress;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The last context built for a session, reused while the second and the source address are the
 * same: a client signs many requests with one set of credentials, and the evaluator keeps its
 * normalised form by the context's identity (iam/policy/request-context.ts), so a reused context
 * costs neither building nor normalising.
 */
const lastContext = new WeakMap<
  PrincipalSession,
  { readonly second: number; readonly sourceIp: string | undefined; readonly context: RequestContextKeys }
>();

type RequestContextKeys = Readonly<Record<string, readonly string[]>>;

/**
 * The request context a permission policy's conditions and variables read
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * the global keys of a role session (aws:PrincipalTag/*, aws:TokenIssueTime, aws:PrincipalArn…),
 * the request's own (aws:CurrentTime, aws:EpochTime, aws:SourceIp, aws:SecureTransport), and the
 * web identity's keys the session was issued with (cognito-identity.amazonaws.com:aud|sub|amr).
 */
export function requestContext(
  principal: Principal & { readonly session: PrincipalSession },
  connection: ConnectionFacts,
  nowMs: number,
): RequestContextKeys {
  const { session } = principal;
  const second = Math.floor(nowMs / 1000);
  const last = lastContext.get(session);
  if (last && last.second === second && last.sourceIp === connection.sourceIp) return last.context;
  const context: Record<string, readonly string[]> = { ...session.context };
  for (const [key, value] of Object.entries(session.tags)) context[`aws:PrincipalTag/${key}`] = [value];
  context["aws:TokenIssueTime"] = [iso(session.issuedAtMs)];
  context["aws:CurrentTime"] = [iso(second * 1000)];
  context["aws:EpochTime"] = [String(second)];
  context["aws:SecureTransport"] = [String(connection.secureTransport)];
  if (connection.sourceIp !== undefined) context["aws:SourceIp"] = [connection.sourceIp];
  // For a role session IAM's aws:PrincipalArn is the role's ARN, not the assumed-role session's.
  context["aws:PrincipalArn"] = [session.roleArn];
  context["aws:PrincipalAccount"] = [principal.accountId];
  context["aws:PrincipalType"] = ["AssumedRole"];
  context["aws:userid"] = [principal.userId];
  lastContext.set(session, { second, sourceIp: connection.sourceIp, context });
  return context;
}
