/** A pool's role mappings (SetIdentityPoolRoles) as the form edits them, and back. */

export type MatchType = "Equals" | "Contains" | "StartsWith" | "NotEqual";
export const MATCH_TYPES: readonly MatchType[] = ["Equals", "Contains", "StartsWith", "NotEqual"];

export interface RuleRow {
  claim: string;
  matchType: MatchType;
  value: string;
  roleArn: string;
}

export interface MappingForm {
  loginsKey: string;
  type: "Token" | "Rules";
  ambiguous: "AuthenticatedRole" | "Deny";
  rules: RuleRow[];
}

interface ApiMapping {
  Type?: string | undefined;
  AmbiguousRoleResolution?: string | undefined;
  RulesConfiguration?:
    | {
        Rules?:
          | {
              Claim?: string | undefined;
              MatchType?: string | undefined;
              Value?: string | undefined;
              RoleARN?: string | undefined;
            }[]
          | undefined;
      }
    | undefined;
}

/** The API's RoleMappings as the editor's rows. */
export function mappingsToForm(mappings: Readonly<Record<string, ApiMapping>> | undefined): MappingForm[] {
  return Object.entries(mappings ?? {}).map(([loginsKey, m]) => ({
    loginsKey,
    type: m.Type === "Rules" ? "Rules" : "Token",
    ambiguous: m.AmbiguousRoleResolution === "Deny" ? "Deny" : "AuthenticatedRole",
    rules: (m.RulesConfiguration?.Rules ?? []).map((r) => ({
      claim: r.Claim ?? "",
      matchType: (MATCH_TYPES as readonly string[]).includes(r.MatchType ?? "") ? (r.MatchType as MatchType) : "Equals",
      value: r.Value ?? "",
      roleArn: r.RoleARN ?? "",
    })),
  }));
}

/** The editor's rows as the API's RoleMappings, or the first problem found. */
export function formToMappings(
  forms: readonly MappingForm[],
): { ok: true; value: Record<string, ApiMapping> } | { ok: false; index: number; message: string } {
  const value: Record<string, ApiMapping> = {};
  for (const [index, f] of forms.entries()) {
    const key = f.loginsKey.trim();
    if (!key) return { ok: false, index, message: "Enter the logins key (the provider name) this mapping is for." };
    if (key in value) return { ok: false, index, message: `${key} has two mappings.` };
    const mapping: ApiMapping = { Type: f.type, AmbiguousRoleResolution: f.ambiguous };
    if (f.type === "Rules") {
      if (f.rules.length === 0) return { ok: false, index, message: "A Rules mapping needs at least one rule." };
      mapping.RulesConfiguration = {
        Rules: f.rules.map((r) => ({
          Claim: r.claim.trim(),
          MatchType: r.matchType,
          Value: r.value,
          RoleARN: r.roleArn.trim(),
        })),
      };
    }
    value[key] = mapping;
  }
  return { ok: true, value };
}
