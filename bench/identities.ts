import { createHash } from "node:crypto";
import { openConfiguredStore } from "../src/app/index.js";
import { loadConfig } from "../src/config/index.js";

/** Identities written per transaction: one commit (one fsync with SQLite) per batch, not per row. */
const BATCH = 2000;

/**
 * The identity id of bench user `n`, derived rather than random so the load phase needs no list of
 * a million ids: a UUID-shaped digest of `n`, in the `REGION:GUID` form GetId returns.
 */
export function benchIdentityId(region: string, n: number): string {
  const h = createHash("sha256").update(`idpool-bench-${n}`).digest("hex");
  return `${region}:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const benchSubject = (n: number) => `user-${n}`;

function progress(done: number, total: number, startedMs: number): void {
  const rate = (done * 1000) / Math.max(1, Date.now() - startedMs);
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `identities [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} (${Math.round(rate)}/s)`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? "\n" : ""}`);
  else if (done === total || done % Math.max(BATCH, Math.ceil(total / 10 / BATCH) * BATCH) === 0) {
    process.stderr.write(`${line}\n`);
  }
}

export interface LoadTarget {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly region: string;
  readonly poolId: string;
  /** The logins key of the provider: `localhost:<port>`. */
  readonly provider: string;
}

/**
 * Creates identities `user-0` … `user-<count-1>`, each with its login of `provider`, straight
 * through the Store API into the database the server will use, while no server runs. GetId would
 * make the same rows (one identity, one login keyed by pool, provider and subject) but at a few
 * thousand a second, too slow for a million; the rows are real, so GetId finds them.
 */
export async function loadIdentities(target: LoadTarget, count: number): Promise<number> {
  const config = loadConfig(
    { dataDir: target.dataDir, ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}) },
    {},
  );
  const store = openConfiguredStore(config);
  const startedMs = Date.now();
  try {
    for (let from = 0; from < count; from += BATCH) {
      const to = Math.min(count, from + BATCH);
      await store.transaction(async (tx) => {
        for (let n = from; n < to; n++) {
          const identityId = benchIdentityId(target.region, n);
          const nowMs = startedMs + n;
          await tx.identities.create({
            identityId,
            poolId: target.poolId,
            createdAtMs: nowMs,
            modifiedAtMs: nowMs,
            mergedInto: undefined,
            disabledAtMs: undefined,
          });
          const login = { poolId: target.poolId, provider: target.provider, subject: benchSubject(n), identityId };
          await tx.logins.insert([login], nowMs);
        }
      });
      progress(to, count, startedMs);
    }
  } finally {
    await store.close();
  }
  return Date.now() - startedMs;
}
