import type { ServiceError } from "../errors/index.js";
import type { Principal, ServiceEvent } from "../shared/index.js";
import type { Operation } from "./operation.js";
import type { WireRequest } from "./wire.js";

/**
 * Input members that name what a call acts on, most specific first; an event carries the first
 * one present (never a logins map or a token: those members are not in this list).
 */
const RESOURCE_MEMBERS = [
  "IdentityId",
  "IdentityPoolId",
  "RoleName",
  "RoleArn",
  "OpenIDConnectProviderArn",
  "ResourceArn",
  "Url",
  "PolicyArn",
] as const;

const MAX_RESOURCE_CHARACTERS = 256;

function resourceOf(input: unknown): string | undefined {
  if (input === null || typeof input !== "object") return undefined;
  const record = input as Record<string, unknown>;
  for (const member of RESOURCE_MEMBERS) {
    const value = Object.hasOwn(record, member) ? record[member] : undefined;
    if (typeof value === "string" && value !== "") return value.slice(0, MAX_RESOURCE_CHARACTERS);
  }
  return undefined;
}

/** An access key id as AWS forms them (20 upper-case letters and digits; 16–128 allowed). */
const CLAIMED_KEY = /Credential=([A-Z0-9]{16,128})\//;

/** The access key id a refused signed request claims, from its Authorization header or presigned query. */
function claimedAccessKeyId(req: WireRequest): string | undefined {
  const header = req.headers.authorization;
  const text = typeof header === "string" ? header : undefined;
  const fromHeader = text === undefined ? undefined : CLAIMED_KEY.exec(text)?.[1];
  if (fromHeader) return fromHeader;
  const query = req.rawPath.includes("?") ? req.rawPath.slice(req.rawPath.indexOf("?") + 1) : "";
  return /(?:^|&)X-Amz-Credential=([A-Z0-9]{16,128})(?:%2F|\/)/i.exec(query)?.[1];
}

/** The wire name of an outcome, as the service's protocol spells it (JSON `__type`, Query `Code`). */
export function outcomeOf(op: Operation, error: ServiceError | undefined): string {
  if (!error) return "ok";
  return op.service === "iam" || op.service === "sts" ? error.queryCode : error.code;
}

export function requestEvent(
  op: Operation,
  fields: {
    readonly outcome: string;
    readonly durationMs: number;
    readonly requestId: string;
    readonly principal: Principal | undefined;
    readonly sourceAddress: string | undefined;
    readonly input: unknown;
    readonly req: WireRequest;
  },
): ServiceEvent {
  const signed = op.auth !== "none";
  return {
    type: "request",
    service: op.service,
    operation: op.name,
    outcome: fields.outcome,
    durationMs: fields.durationMs,
    requestId: fields.requestId,
    principal: fields.principal,
    signed,
    claimedAccessKeyId: signed && !fields.principal ? claimedAccessKeyId(fields.req) : undefined,
    sourceAddress: fields.sourceAddress,
    resource: resourceOf(fields.input),
  };
}
