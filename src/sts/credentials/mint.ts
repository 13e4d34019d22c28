import { assumedRoleArn, base32Chars, type Clock, type IdSource, secretAccessKey } from "../../shared/index.js";
import type { Keyring } from "./keyring.js";
import { type SessionClaims, sealSessionToken } from "./session-token.js";

export interface MintRequest {
  readonly accountId: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly roleId: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly tags?: Readonly<Record<string, string>>;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  readonly sourceIdentity?: string;
  /** The web identity's condition keys, kept for permission policies and revocation. */
  readonly context?: Readonly<Record<string, readonly string[]>>;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleArn: string;
  /** `AROA…:<session name>`. */
  readonly assumedRoleId: string;
}

/**
 * Mints temporary credentials: `ASIA` + 16 base32 characters, a 40-character secret, and a sealed
 * session token carrying what verification needs (DESIGN.md, "Credentials"). Nothing is written
 * to the store.
 */
export function mintCredentials(req: MintRequest, keyring: Keyring, clock: Clock, ids: IdSource): TemporaryCredentials {
  const accessKeyId = `ASIA${base32Chars(ids, 16)}`;
  const secret = secretAccessKey(ids);
  // Whole seconds: the wire carries seconds, and verification must agree with what clients see.
  // To the millisecond, so a revocation made an instant earlier in the same second does not
  // refuse these (aws:TokenIssueTime reads it in whole seconds, as AWS gives it).
  const issuedAtMs = clock.nowMs();
  const expiresAtMs = (Math.floor(issuedAtMs / 1000) + req.durationSeconds) * 1000;
  const claims: SessionClaims = {
    accessKeyId,
    secretAccessKey: secret,
    accountId: req.accountId,
    roleArn: req.roleArn,
    roleId: req.roleId,
    sessionName: req.sessionName,
    expiresAtMs,
    issuedAtMs,
    ...(req.context ? { context: req.context } : {}),
    ...(req.policyArns && req.policyArns.length > 0 ? { policyArns: req.policyArns } : {}),
    ...(req.tags && Object.keys(req.tags).length > 0 ? { tags: req.tags } : {}),
    ...(req.policy ? { policy: req.policy } : {}),
    ...(req.sourceIdentity ? { sourceIdentity: req.sourceIdentity } : {}),
  };
  return {
    accessKeyId,
    secretAccessKey: secret,
    sessionToken: sealSessionToken(claims, keyring, ids),
    expiration: new Date(expiresAtMs),
    assumedRoleArn: assumedRoleArn(req.accountId, req.roleName, req.sessionName),
    assumedRoleId: `${req.roleId}:${req.sessionName}`,
  };
}
