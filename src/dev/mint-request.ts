import { BREAK_RULES, type BreakRule, isBreakRule } from "./break-rules.js";
import { checkExtraClaims, subProblem } from "./claims.js";
import { DevInputError } from "./input-error.js";

export const DEFAULT_TTL_SECONDS = 600;
/** A day, the longest lifetime idpool itself signs (Cognito's developer-token limit). */
export const MAX_TTL_SECONDS = 86_400;

/** What a token is minted from, checked. */
export interface MintRequest {
  readonly sub: string;
  readonly clientId: string;
  readonly claims: Readonly<Record<string, unknown>>;
  readonly ttlSeconds: number;
  readonly break?: BreakRule;
}

const MEMBERS = ["sub", "clientId", "claims", "ttlSeconds", "break"];

/**
 * `POST /dev/idp/<name>/mint`'s body (and `TestProviders.mint`'s argument) as unknown input. An
 * unknown member is refused too: a misspelt `ttl` silently ignored would make a test pass for the
 * wrong reason.
 */
export function parseMintRequest(input: unknown, clientIds: readonly string[]): MintRequest {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new DevInputError("body", 'must be a JSON object like {"sub": "alice"}');
  }
  const body = input as Record<string, unknown>;
  for (const member of Object.keys(body)) {
    if (!MEMBERS.includes(member))
      throw new DevInputError(member, `is not a member; the members are ${MEMBERS.join(", ")}`);
  }
  if (body.sub === undefined) throw new DevInputError("sub", "is required: the user the token is for");
  const problem = subProblem(body.sub);
  if (problem) throw new DevInputError("sub", problem);
  const sub = body.sub as string;
  const clientId = body.clientId ?? clientIds[0];
  if (typeof clientId !== "string" || !clientIds.includes(clientId)) {
    throw new DevInputError("clientId", `must be one of the provider's client ids: ${clientIds.join(", ")}`);
  }
  const claims = body.claims === undefined ? {} : checkExtraClaims(body.claims, "claims");
  const ttlSeconds = body.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (
    typeof ttlSeconds !== "number" ||
    !Number.isInteger(ttlSeconds) ||
    ttlSeconds < 1 ||
    ttlSeconds > MAX_TTL_SECONDS
  ) {
    throw new DevInputError("ttlSeconds", `must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  }
  const rule = body.break;
  if (rule !== undefined && !isBreakRule(rule)) {
    throw new DevInputError("break", `must be one of ${BREAK_RULES.join(", ")}`);
  }
  return { sub, clientId, claims, ttlSeconds, ...(rule === undefined ? {} : { break: rule }) };
}
