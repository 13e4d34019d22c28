import type { ServiceError } from "../errors/index.js";
import type { Principal, ServiceEvent } from "../shared/index.js";
import type { Operation } from "./operation.js";

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
  },
): ServiceEvent {
  return {
    type: "request",
    service: op.service,
    operation: op.name,
    outcome: fields.outcome,
    durationMs: fields.durationMs,
    requestId: fields.requestId,
    principal: fields.principal,
    sourceAddress: fields.sourceAddress,
    resource: resourceOf(fields.input),
  };
}
