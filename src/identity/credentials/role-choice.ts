import { serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord, MappingRuleRecord, RoleMappingRecord } from "../../store/index.js";
import { roleForbidden } from "../errors.js";
import type { VerifiedLogin } from "../logins/verified-login.js";

export const INVALID_POOL_CONFIGURATION =
  "Invalid identity pool configuration. Check assigned IAM roles for this pool.";

const noRole = () => serviceError("InvalidIdentityPoolConfiguration", INVALID_POOL_CONFIGURATION);

/** Claim values as strings; arrays compare element by element (undocumented by AWS, §3.6). */
function claimValues(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "object") return [JSON.stringify(value)];
  return [String(value)];
}

/** One rule, literally (no wildcards, reference §3.6); NotEqual needs the claim to be present. */
export function ruleMatches(rule: MappingRuleRecord, claims: Readonly<Record<string, unknown>>): boolean {
  const values = claimValues(claims[rule.claim]);
  if (values === undefined) return false;
  switch (rule.matchType) {
    case "Equals":
      return values.includes(rule.value);
    case "Contains":
      return values.some((v) => v.includes(rule.value));
    case "StartsWith":
      return values.some((v) => v.startsWith(rule.value));
    case "NotEqual":
      return !values.includes(rule.value);
  }
}

/** `cognito:roles` as a JSON array or a comma-separated string (reference §3.6). */
function tokenRoles(claims: Readonly<Record<string, unknown>>): string[] {
  const roles = claims["cognito:roles"];
  if (Array.isArray(roles)) return roles.map(String);
  if (typeof roles === "string")
    return roles
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
  return [];
}

function fromMapping(
  mapping: RoleMappingRecord,
  login: VerifiedLogin,
  customRoleArn: string | undefined,
): string | undefined {
  if (mapping.type === "Token") {
    const roles = tokenRoles(login.claims);
    if (customRoleArn !== undefined) {
      if (!roles.includes(customRoleArn)) throw roleForbidden(customRoleArn);
      return customRoleArn;
    }
    const preferred = login.claims["cognito:preferred_role"];
    return typeof preferred === "string" ? preferred : undefined;
  }
  const matching = (mapping.rules ?? []).filter((rule) => ruleMatches(rule, login.claims));
  if (customRoleArn !== undefined) {
    // CustomRoleArn picks among the roles the rules allow for this token, never beyond them.
    if (!matching.some((rule) => rule.roleArn === customRoleArn)) throw roleForbidden(customRoleArn);
    return customRoleArn;
  }
  return matching[0]?.roleArn;
}

/**
 * Role selection for GetCredentialsForIdentity (reference §3.6). `login` is the login whose
 * provider decides (the first of the request's logins that has a RoleMapping, else the first);
 * undefined for guests.
 */
export function chooseRole(
  pool: IdentityPoolRecord,
  login: VerifiedLogin | undefined,
  customRoleArn: string | undefined,
): string {
  if (login === undefined) {
    const role = pool.roles.unauthenticated;
    if (role === undefined) throw noRole();
    return role;
  }
  const mapping = mappingFor(pool, login);
  const fallback = pool.roles.authenticated;
  if (!mapping) {
    if (customRoleArn !== undefined && customRoleArn !== fallback) throw roleForbidden(customRoleArn);
    if (fallback === undefined) throw noRole();
    return fallback;
  }
  const chosen = fromMapping(mapping, login, customRoleArn);
  if (chosen !== undefined) return chosen;
  if (mapping.ambiguousRoleResolution === "Deny") {
    throw serviceError("NotAuthorized", `The ambiguous role mapping rules for: ${login.provider} denied this request.`);
  }
  if (fallback === undefined) throw noRole();
  return fallback;
}

/** The login whose provider's RoleMapping applies: the first in request order that has one. */
export function deciderLogin(pool: IdentityPoolRecord, logins: readonly VerifiedLogin[]): VerifiedLogin | undefined {
  return logins.find((l) => mappingFor(pool, l)) ?? logins[0];
}

/** The RoleMapping for a login: by `<user pool>:<client id>`, logins key or provider ARN (§2.4). */
function mappingFor(pool: IdentityPoolRecord, login: VerifiedLogin): RoleMappingRecord | undefined {
  return login.mappingKeys.map((k) => pool.roleMappings[k]).find((m) => m !== undefined);
}
