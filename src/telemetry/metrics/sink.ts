import type { Counter } from "prom-client";
import type { Clock, EventSink, ServiceEvent } from "../../shared/index.js";
import type { KeyTrouble } from "./gauges.js";
import { type KnownNames, providerName } from "./known-names.js";
import { Children, isWord, OTHER, OUTCOMES } from "./labels.js";
import type { Series } from "./series.js";
import type { CounterTally, HistogramTally } from "./tallies.js";

/** Bounds on distinct label values; the registry and the vocabularies are far smaller. */
const MAX_SERVICES = 16;
const MAX_OPERATIONS = 256;
const MAX_WORDS = 128;
const MAX_POOLS = 10_000;
const MAX_PROVIDERS = 1_000;
/** The pool label of credentials issued by AssumeRoleWithWebIdentity, which names no pool. */
const NO_POOL = "none";
/** Refused because the logins key names no provider of the pool: not registered, by definition. */
const NOT_SUPPORTED = "not_supported";

const byPool = (series: Series, counter: Counter<"pool">) =>
  new Children((pool) => series.tallies.counter(counter.labels(pool)), MAX_POOLS);

/**
 * The metrics' event sink: each event is a few Map lookups and a tally's addition (tallies.ts). A
 * pool or provider is named only once the store says it is registered; an unknown name waits for
 * the next read of the registered names (known-names.ts), then counts under its name or `other`.
 */
export function metricsSink(series: Series, names: KnownNames, trouble: KeyTrouble, clock: Clock): EventSink {
  const tally = series.tallies;
  const requests = new Children(
    (service) =>
      new Children(
        (operation) =>
          new Children(
            (outcome) => tally.counter(series.requests.labels(service, operation, outcome)),
            OUTCOMES.size + 1,
            (o) => OUTCOMES.has(o),
          ),
        MAX_OPERATIONS,
      ),
    MAX_SERVICES,
  );
  const durations = new Children(
    (service) =>
      new Children<HistogramTally>((operation) => series.requestDuration.labels(service, operation), MAX_OPERATIONS),
    MAX_SERVICES,
  );
  const refused = new Children(
    (provider) =>
      new Children((reason) => tally.counter(series.loginsRefused.labels(provider, reason)), MAX_WORDS, isWord),
    MAX_PROVIDERS,
  );
  const fetches = new Children(
    (provider) =>
      new Children((result) => tally.counter(series.jwksFetches.labels(provider, result)), MAX_WORDS, isWord),
    MAX_PROVIDERS,
  );
  // Kinds and actions are the event type's own closed sets.
  const discontinuities = new Children(
    (provider) =>
      new Children(
        (kind) =>
          new Children((action) => tally.counter(series.keyDiscontinuities.labels(provider, kind, action)), MAX_WORDS),
        MAX_WORDS,
      ),
    MAX_PROVIDERS,
  );
  const identities = byPool(series, series.identitiesCreated);
  const credentials = byPool(series, series.credentialsIssued);
  const openIdTokens = byPool(series, series.openIdTokensIssued);

  /** Counts `then(child)` under `name` if registered, else under `other`, waiting for a re-read if needed. */
  function named<C>(children: Children<C>, name: string, known: (name: string) => boolean, then: (child: C) => void) {
    const child = children.existing(name);
    if (child !== undefined) then(child);
    else if (known(name)) then(children.of(name));
    else names.later(() => then(children.of(known(name) ? name : OTHER)));
  }
  const isPool = (id: string) => names.hasPool(id);
  const isProvider = (name: string) => names.hasProvider(name);
  const inc = (child: CounterTally) => child.inc();

  const countPool = (children: Children<CounterTally>, poolId: string | undefined) => {
    if (poolId === undefined) children.of(NO_POOL).inc();
    else named(children, poolId, isPool, inc);
  };

  return {
    emit(event: ServiceEvent) {
      switch (event.type) {
        case "request":
          requests.of(event.service).of(event.operation).of(event.outcome).inc();
          durations
            .of(event.service)
            .of(event.operation)
            .observe(event.durationMs / 1000);
          return;
        case "login_refused": {
          const reason = event.reason;
          if (reason === NOT_SUPPORTED) refused.of(OTHER).of(reason).inc();
          else named(refused, event.loginsKey, isProvider, (byReason) => byReason.of(reason).inc());
          return;
        }
        case "identity_created":
          return countPool(identities, event.poolId);
        case "credentials_issued":
          return countPool(credentials, event.poolId);
        case "openid_token_issued":
          return countPool(openIdTokens, event.poolId);
        case "jwks_fetch": {
          const { provider, result } = event;
          if (result !== "ok") trouble.noteAt(provider, clock.nowMs());
          named(fetches, providerName(provider), isProvider, (byResult) => byResult.of(result).inc());
          return;
        }
        case "key_discontinuity": {
          if (event.action === "refused") trouble.noteAt(event.provider, clock.nowMs());
          const { kind, action } = event;
          named(discontinuities, providerName(event.provider), isProvider, (byKind) =>
            byKind.of(kind).of(action).inc(),
          );
          return;
        }
      }
    },
  };
}
