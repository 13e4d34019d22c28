import { createCipheriv, createDecipheriv } from "node:crypto";
import { base64urlDecodeCanonical, type IdSource } from "../../shared/index.js";
import type { Keyring } from "./keyring.js";

/** What a temporary credential needs to be checked by any process, without a database row. */
export interface SessionClaims {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  readonly roleArn: string;
  readonly roleId: string;
  readonly sessionName: string;
  readonly expiresAtMs: number;
  /** aws:TokenIssueTime; absent from tokens sealed before it was recorded. */
  readonly issuedAtMs?: number;
  readonly sourceIdentity?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly policy?: string;
  readonly policyArns?: readonly string[];
  /** The web identity's condition keys at issue (`cognito-identity.amazonaws.com:sub` …). */
  readonly context?: Readonly<Record<string, readonly string[]>>;
}

const VERSION = "v1";

/**
 * Session token = `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url), AES-256-GCM with the access key
 * id as additional data, so a token cannot be replayed under another key id. Sealing rather than
 * signing keeps the secret access key inside the token unreadable to its holder's intermediaries.
 */
export function sealSessionToken(claims: SessionClaims, keyring: Keyring, ids: IdSource): string {
  const { keyId, key } = keyring.sealingKey();
  const iv = ids.bytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${keyId}.${claims.accessKeyId}`));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(claims), "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${keyId}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** Opens a session token for `accessKeyId`; undefined when it was not sealed by this keyring for it. */
export async function openSessionToken(
  token: string,
  accessKeyId: string,
  keyring: Keyring,
): Promise<SessionClaims | undefined> {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  const [, keyId = "", ivText = "", sealedText = ""] = parts;
  const key = await keyring.openingKey(keyId);
  if (!key) return undefined;
  // Only the form sealSessionToken writes: a token has one spelling, so it has one cache entry and
  // one meaning (no padding, other alphabet, stray characters or changed unused bits).
  const iv = base64urlDecodeCanonical(ivText);
  const sealed = base64urlDecodeCanonical(sealedText);
  if (iv?.length !== 12 || sealed === undefined || sealed.length < 17) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, iv);
    decipher.setAAD(Buffer.from(`${VERSION}.${keyId}.${accessKeyId}`));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
    const claims = JSON.parse(plain.toString("utf8")) as SessionClaims;
    return claims.accessKeyId === accessKeyId ? claims : undefined;
  } catch {
    return undefined;
  }
}
