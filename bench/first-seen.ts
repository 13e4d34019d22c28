/**
 * `--first-seen` (README, Performance): GetId, GetCredentialsForIdentity and AssumeRoleWithWebIdentity
 * where every request carries a provider ID token the server has never seen. idpool remembers
 * which key verified a token (src/oidc/verified-tokens.ts), so the rotation of the repeated
 * rows skips the RSA check on every measured request; these rows pay it on every one.
 *
 * The tokens are minted before any of these rows is measured, for the bench users that exist
 * (same `sub`, so no identity is created; a unique `jti`), with the test provider's own key: RSA
 * signing costs the load generator about half a millisecond a token, far too much inside a window.
 * The three operations share one set of tokens, each on a server started afresh on the same
 * store, whose memory of verified tokens is therefore empty: one set minted instead of three.
 * Each token is sent once (autocannon stops when they are all sent, and the row says so).
 */
import type { TestOidcProvider } from "../test/support/oidc-provider.js";
import { atOnceSummary } from "./at-once.js";
import { atOnceWithFloor, type RunningFloor } from "./floor-at-once.js";
import { benchSubject } from "./identities.js";
import type { LoadSettings } from "./load.js";
import { measureFirstSeen } from "./operation.js";
import type { OperationName, StoreName } from "./options.js";
import { pinLoadGenerator, releaseLoadGenerator } from "./placement.js";
import type { ChildServer } from "./processes.js";
import type { OperationResult } from "./report.js";
import { callAll, expectedFirstSeen, firstSeenRequests, type MintedToken, type RequestContext } from "./requests.js";

export const FIRST_SEEN_OPERATIONS = ["GetId", "GetCredentialsForIdentity", "AssumeRoleWithWebIdentity"] as const;
export type FirstSeenOperation = (typeof FIRST_SEEN_OPERATIONS)[number];
export const isFirstSeenOperation = (op: OperationName): op is FirstSeenOperation =>
  (FIRST_SEEN_OPERATIONS as readonly string[]).includes(op);

/** What every first-seen request carries, as the table says it. */
export const FIRST_SEEN_TOKEN = "the provider's ID token (RS256), each sent once";
/**
 * Tokens per second of window minted for: the fastest repeated rate of these operations (a
 * first-seen request does all a repeated one does, plus the RSA check), with room for the VM's noise.
 */
const MARGIN = 1.3;
const MINT_IN_FLIGHT = 64;

export interface FirstSeenTarget {
  readonly store: StoreName;
  readonly ctx: RequestContext;
  /** A new `idpool serve` on this store: nothing remembered of any token. */
  start(): Promise<ChildServer>;
}

/** One token per request, users spread over every identity (golden-ratio steps, no clustering). */
async function mint(idp: TestOidcProvider, identities: number, count: number): Promise<MintedToken[]> {
  const tokens: MintedToken[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const user = Math.floor(((i * 0.6180339887498949) % 1) * identities);
      tokens[i] = { user, token: await idp.issueToken({ sub: benchSubject(user), jti: `first-seen-${i}` }) };
    }
  };
  // WebCrypto signs on libuv's pool: a few dozen in flight keep every CPU the process may use busy.
  await Promise.all(Array.from({ length: MINT_IN_FLIGHT }, worker));
  return tokens;
}

/**
 * The rows, each on a new server; with `floor` (the HTTP + RS256 floor, running), each row is
 * measured again at once with it (floor-at-once.ts) on tokens of its own: half as many again, as
 * the two then share the CPU.
 */
export async function measureFirstSeenRows(
  targets: readonly FirstSeenTarget[],
  operations: readonly FirstSeenOperation[],
  settings: Omit<LoadSettings, "url">,
  identities: number,
  expectedRps: number,
  say: (text: string) => void,
  floor?: RunningFloor,
): Promise<OperationResult[]> {
  const first = targets[0];
  if (!first || operations.length === 0) return [];
  // Every connection needs at least one request of its own (autocannon shares the count out).
  const forSeconds = (seconds: number) => Math.max(settings.connections, Math.ceil(expectedRps * seconds * MARGIN));
  const warmupCount = settings.warmupSeconds > 0 ? forSeconds(settings.warmupSeconds) : 0;
  const measuredCount = forSeconds(settings.durationSeconds);
  const pairWarmupCount = floor ? Math.ceil(warmupCount / 2) : 0;
  const pairMeasuredCount = floor ? Math.ceil(measuredCount / 2) : 0;
  // One more: the token of the answer checked before the load.
  const count = 1 + warmupCount + measuredCount + pairWarmupCount + pairMeasuredCount;
  say(`first-seen: minting ${count} provider ID tokens (${Math.round(expectedRps)} req/s × ${MARGIN} expected)`);
  // Nothing is measured while minting: the load generator may use every CPU.
  releaseLoadGenerator();
  const started = performance.now();
  const tokens = await mint(first.ctx.idp, identities, count).finally(pinLoadGenerator);
  const mintSeconds = (performance.now() - started) / 1000;
  say(`first-seen: minted in ${mintSeconds.toFixed(1)} s (${Math.round(count / mintSeconds)} tokens/s)`);
  const [check, ...rest] = tokens;
  if (!check) throw new Error("first-seen: no tokens");
  const [warmupTokens = [], measuredTokens = [], pairWarmupTokens = [], pairMeasuredTokens = []] = slices(rest, [
    warmupCount,
    measuredCount,
    pairWarmupCount,
    pairMeasuredCount,
  ]);
  const minted = {
    token: FIRST_SEEN_TOKEN,
    minted: count,
    mintSeconds,
    warmup: warmupTokens.length,
    measured: measuredTokens.length,
    atOnce: pairWarmupTokens.length + pairMeasuredTokens.length,
  };

  const results: OperationResult[] = [];
  for (const operation of operations) {
    for (const target of targets) {
      const server = await target.start();
      try {
        const [answer] = await callAll(server.url, firstSeenRequests(operation, target.ctx, [check]));
        if (!JSON.stringify(answer).includes(expectedFirstSeen(operation, check))) {
          throw new Error(`${operation} (first-seen): unexpected answer ${JSON.stringify(answer).slice(0, 500)}`);
        }
        const load = {
          warmup: firstSeenRequests(operation, target.ctx, warmupTokens),
          measured: firstSeenRequests(operation, target.ctx, measuredTokens),
        };
        const alone = await measureFirstSeen(server, target.store, operation, load, settings, minted);
        const pairLoad = {
          warmup: firstSeenRequests(operation, target.ctx, pairWarmupTokens),
          measured: firstSeenRequests(operation, target.ctx, pairMeasuredTokens),
        };
        const atOnce = floor
          ? await atOnceWithFloor(
              (each) => measureFirstSeen(server, target.store, operation, pairLoad, each, minted),
              floor,
              target.store,
              settings,
            )
          : undefined;
        const result = atOnce ? { ...alone, atOnce } : alone;
        const ranOut = result.firstSeen?.ranOut ? `, RAN OUT of tokens after ${result.windowSeconds.toFixed(1)} s` : "";
        say(
          `${operation} first-seen (${target.store}): ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms, ` +
            `${Math.round(result.serverCpuMicrosPerRequest)} µs server CPU/req, ${result.errors + result.non2xx} failed${ranOut}` +
            (atOnce ? `; ${atOnceSummary(atOnce)}` : ""),
        );
        results.push(result);
      } finally {
        await server.stop();
      }
    }
  }
  return results;
}

/** Consecutive slices of the given lengths. */
function slices<T>(items: readonly T[], lengths: readonly number[]): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (const length of lengths) {
    out.push(items.slice(start, start + length));
    start += length;
  }
  return out;
}
