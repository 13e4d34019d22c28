import { serviceError } from "../../errors/index.js";

/**
 * Thumbprints and client ids (reference §7.1). Thumbprints are hex SHA-1 fingerprints that AWS
 * compares without regard to case; they are stored lower-case so comparisons need no care later.
 * An empty thumbprint list is allowed: IAM would fetch one itself, idpool instead trusts the
 * provider's chain against the trust store (CONTRACT.md, "Trust in an identity provider's keys").
 */
export const MAX_THUMBPRINTS = 5;
export const MAX_CLIENT_IDS = 100;

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

export function checkThumbprints(thumbprints: readonly string[]): string[] {
  if (thumbprints.length > MAX_THUMBPRINTS) {
    throw serviceError("InvalidInput", "Thumbprint list must contain fewer than 5 entries.");
  }
  for (const t of thumbprints) {
    if (!/^[0-9A-Fa-f]{40}$/.test(t)) {
      throw serviceError(
        "InvalidInput",
        `Thumbprint ${t} is not valid: a thumbprint is the 40 hexadecimal digits of a certificate's SHA-1 fingerprint.`,
      );
    }
  }
  return unique(thumbprints.map((t) => t.toLowerCase()));
}

export function checkClientIds(clientIds: readonly string[]): string[] {
  const ids = unique(clientIds);
  if (ids.length > MAX_CLIENT_IDS) {
    throw serviceError(
      "IamLimitExceeded",
      `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`,
    );
  }
  return ids;
}
