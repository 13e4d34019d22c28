import type { Clock, IdSource } from "../shared/index.js";

/** RFC 6749 §4.1.2: codes are short-lived ("a maximum authorization code lifetime of 10 minutes is RECOMMENDED"). */
export const CODE_TTL_MS = 60_000;
/** Access tokens for userinfo live as long as the default ID token. */
export const ACCESS_TOKEN_TTL_SECONDS = 600;
/** A bound on what a runaway test loop can pile up; the oldest entries go first. */
const MAX_ENTRIES = 10_000;

/** What a login granted: enough to mint the ID token at the token endpoint. */
export interface Login {
  readonly provider: string;
  readonly clientId: string;
  readonly sub: string;
  /** The user's predefined claims and the extra claims typed at login. */
  readonly claims: Readonly<Record<string, unknown>>;
  readonly nonce?: string | undefined;
}

export interface CodeGrant extends Login {
  readonly redirectUri: string;
  readonly codeChallenge: string;
}

interface Expiring<T> {
  readonly value: T;
  readonly expiresAtMs: number;
}

/**
 * Codes and access tokens, held in this process's memory: a code lives a minute and an access
 * token ten, so losing them with a restart only means signing in again (ID tokens, being signed,
 * outlive a restart). Both are 256 random bits (RFC 6749 §10.10), looked up by exact value.
 */
export class Grants {
  private readonly codes = new Map<string, Expiring<CodeGrant>>();
  private readonly accessTokens = new Map<string, Expiring<Login>>();

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  issueCode(grant: CodeGrant): string {
    return this.put(this.codes, grant, CODE_TTL_MS);
  }

  /** The code's grant, removed whatever happens next: RFC 6749 §4.1.2, a code is used at most once. */
  takeCode(code: string): CodeGrant | undefined {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    return entry && entry.expiresAtMs > this.clock.nowMs() ? entry.value : undefined;
  }

  issueAccessToken(login: Login): string {
    return this.put(this.accessTokens, login, ACCESS_TOKEN_TTL_SECONDS * 1000);
  }

  accessToken(token: string): Login | undefined {
    const entry = this.accessTokens.get(token);
    return entry && entry.expiresAtMs > this.clock.nowMs() ? entry.value : undefined;
  }

  private put<T>(map: Map<string, Expiring<T>>, value: T, ttlMs: number): string {
    const nowMs = this.clock.nowMs();
    // One lifetime per map, so insertion order is expiry order: expired entries are at the front.
    for (const [key, entry] of map) {
      if (entry.expiresAtMs > nowMs) break;
      map.delete(key);
    }
    while (map.size >= MAX_ENTRIES) {
      const oldest = map.keys().next();
      if (oldest.done) break;
      map.delete(oldest.value);
    }
    const key = this.ids.bytes(32).toString("base64url");
    map.set(key, { value, expiresAtMs: nowMs + ttlMs });
    return key;
  }
}
