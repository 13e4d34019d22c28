/**
 * The first-seen stage of a run (`--first-seen`, first-seen.ts): the HTTP + RS256 ceiling measured
 * alone next to the rows (the machine's state changes by the minute), the same floor kept running
 * for the rows' at-once windows (floor-at-once.ts), then the rows themselves.
 */
import type { TestOidcProvider } from "../test/support/oidc-provider.js";
import type { Settings } from "./at-once.js";
import { type FloorResult, measureHttpRs256, startFloor } from "./ceilings.js";
import { type FirstSeenTarget, isFirstSeenOperation, measureFirstSeenRows } from "./first-seen.js";
import type { RunningFloor } from "./floor-at-once.js";
import type { BenchOptions, StoreName } from "./options.js";
import { type ChildServer, type IdpoolChildOptions, startIdpool } from "./processes.js";
import type { OperationResult } from "./report.js";
import { buildRequests, type RequestContext } from "./requests.js";

export interface FirstSeenStage {
  readonly options: BenchOptions;
  readonly idp: TestOidcProvider;
  readonly settings: Settings;
  /** Each store's context and how to start a new server on it (its own copy of a SQLite store). */
  readonly stores: readonly {
    readonly store: StoreName;
    readonly ctx: RequestContext;
    readonly serve: IdpoolChildOptions;
  }[];
  /** The repeated rows measured: the fastest of an operation's bounds its first-seen rate. */
  readonly repeated: readonly OperationResult[];
  /** The run's servers, stopped together before its ceilings: the RS256 floor joins them. */
  readonly running: ChildServer[];
  readonly say: (text: string) => void;
}

export async function measureFirstSeenStage(
  stage: FirstSeenStage,
): Promise<{ readonly rows: OperationResult[]; readonly httpRs256: FloorResult | undefined }> {
  const { options, settings, say } = stage;
  const operations = options.firstSeen ? options.only.filter(isFirstSeenOperation) : [];
  const first = stage.stores[0];
  if (operations.length === 0 || !first) return { rows: [], httpRs256: undefined };
  let httpRs256: FloorResult | undefined;
  let floor: RunningFloor | undefined;
  const jwk = stage.idp.publishedJwks().keys[0];
  if (!options.skipCeilings && jwk) {
    say("measuring the HTTP + RS256 ceiling");
    const getId = await buildRequests("GetId", first.ctx);
    httpRs256 = await measureHttpRs256(settings, options.workers, getId, jwk);
    say(`HTTP + RS256: ${Math.round(httpRs256.rps)} req/s, p99 ${httpRs256.p99Ms} ms`);
    floor = { server: await startFloor(options.workers, jwk), requests: getId };
    stage.running.push(floor.server);
  }
  // A first-seen request does all its repeated twin does and more: the fastest twin bounds the rate.
  const twins = stage.repeated.filter((r) => operations.some((op) => op === r.operation));
  const expectedRps = Math.max(100, ...twins.map((r) => r.rps));
  const targets: FirstSeenTarget[] = stage.stores.map(({ store, ctx, serve }) => ({
    store,
    ctx,
    start: () => startIdpool(serve),
  }));
  const rows = await measureFirstSeenRows(targets, operations, settings, options.identities, expectedRps, say, floor);
  return { rows, httpRs256 };
}
