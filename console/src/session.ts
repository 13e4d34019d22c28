/**
 * The signed-in key: kept in sessionStorage, so only this tab has it, and gone when the tab closes
 * or on Sign out; and the sign-in form's checks.
 */
import type { Credentials } from "./signing.js";

export interface Session {
  readonly credentials: Credentials;
  readonly region: string;
  /** From STS GetCallerIdentity at sign-in. */
  readonly arn: string;
  readonly account: string;
}

/** The part of Storage the console uses (sessionStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SESSION_KEY = "idpool-console-session";
export const DEFAULT_REGION = "us-east-1";

export function saveSession(store: KeyValueStore, session: Session): void {
  store.setItem(SESSION_KEY, JSON.stringify(session));
}

export function loadSession(store: KeyValueStore): Session | undefined {
  const text = store.getItem(SESSION_KEY);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Session>;
    const c = value.credentials;
    if (!c || typeof c.accessKeyId !== "string" || typeof c.secretAccessKey !== "string") return undefined;
    if (typeof value.region !== "string") return undefined;
    return {
      credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
      region: value.region,
      arn: String(value.arn ?? ""),
      account: String(value.account ?? ""),
    };
  } catch {
    return undefined;
  }
}

export function forgetSession(store: KeyValueStore): void {
  store.removeItem(SESSION_KEY);
}

/** What the sign-in form holds, checked before any call: the messages go beside their field. */
export function checkSignIn(form: { accessKeyId: string; secretAccessKey: string; region: string }): {
  errors: Partial<Record<"accessKeyId" | "secretAccessKey" | "region", string>>;
  credentials?: Credentials;
  region: string;
} {
  const accessKeyId = form.accessKeyId.trim();
  const secretAccessKey = form.secretAccessKey.trim();
  const region = form.region.trim() || DEFAULT_REGION;
  const errors: Partial<Record<"accessKeyId" | "secretAccessKey" | "region", string>> = {};
  if (!accessKeyId) errors.accessKeyId = "Enter the access key ID.";
  else if (!/^[A-Z0-9]{16,128}$/.test(accessKeyId))
    errors.accessKeyId = "An access key ID is 16 or more capital letters and digits.";
  if (!secretAccessKey) errors.secretAccessKey = "Enter the secret access key.";
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) errors.region = "A region looks like us-east-1.";
  return Object.keys(errors).length === 0
    ? { errors, credentials: { accessKeyId, secretAccessKey }, region }
    : { errors, region };
}
