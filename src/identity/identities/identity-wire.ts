import type { IdentityRecord, LoginRecord } from "../../store/index.js";

/** IdentityDescription (reference §2.2): Logins are provider names only, never user ids (§2.4). */
export function identityToWire(identity: IdentityRecord, logins: readonly LoginRecord[]): Record<string, unknown> {
  const names = logins.filter((l) => l.identityId === identity.identityId).map((l) => l.provider);
  return {
    IdentityId: identity.identityId,
    Logins: names.length > 0 ? names.sort() : undefined,
    CreationDate: new Date(identity.createdAtMs),
    LastModifiedDate: new Date(identity.modifiedAtMs),
  };
}
