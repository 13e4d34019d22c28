import { Counter, type Registry } from "prom-client";
import { HistogramSeries, Tallies } from "./tallies.js";

/**
 * The counted series. Names follow Prometheus "Metric and label naming": the `idpool_` prefix,
 * base units in the name (`_seconds`), `_total` on counters. Every label is bounded (labels.ts).
 */

/** Requests take from well under a millisecond (a cached read) to the 5 s key-fetch deadline. */
export const REQUEST_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Store queries: tens of microseconds on SQLite, a network round trip and more on PostgreSQL. */
export const QUERY_BUCKETS_SECONDS = [
  0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5, 10,
];

export interface Series {
  readonly requests: Counter<"service" | "operation" | "outcome">;
  readonly requestDuration: HistogramSeries;
  readonly loginsRefused: Counter<"provider" | "reason">;
  readonly identitiesCreated: Counter<"pool">;
  readonly credentialsIssued: Counter<"pool">;
  readonly openIdTokensIssued: Counter<"pool">;
  readonly jwksFetches: Counter<"provider" | "result">;
  readonly storeQueryDuration: HistogramSeries;
  readonly keyDiscontinuities: Counter<"provider" | "kind" | "action">;
  readonly auditEventsLost: Counter;
  /** The request path's counts of the counters above (tallies.ts), handed over before each scrape. */
  readonly tallies: Tallies;
}

/**
 * `settle` runs before the series with pool or provider labels are read, so events that waited
 * for the registered names (known-names.ts) are counted in the scrape that follows them.
 */
export function defineSeries(registers: Registry[], settle: () => Promise<void>): Series {
  const tallies = new Tallies();
  // Settled first: events that waited for the names are tallied, then every tally handed over.
  const collect = async () => {
    await settle();
    tallies.flush();
  };
  return {
    tallies,
    requests: new Counter({
      name: "idpool_requests_total",
      help: "AWS calls that reached an operation, by service, operation and outcome (ok, or the error's wire name)",
      labelNames: ["service", "operation", "outcome"],
      registers,
      collect,
    }),
    requestDuration: new HistogramSeries({
      name: "idpool_request_duration_seconds",
      help: "Time from a call's decoding to its answer, by service and operation",
      labelNames: ["service", "operation"],
      buckets: REQUEST_BUCKETS_SECONDS,
      registers,
    }),
    loginsRefused: new Counter({
      name: "idpool_logins_refused_total",
      help: "Logins refused, by provider (its logins key, or other when not registered) and reason",
      labelNames: ["provider", "reason"],
      registers,
      collect,
    }),
    identitiesCreated: new Counter({
      name: "idpool_identities_created_total",
      help: "Identities created, by identity pool",
      labelNames: ["pool"],
      registers,
      collect,
    }),
    credentialsIssued: new Counter({
      name: "idpool_credentials_issued_total",
      help: "Temporary credentials issued, by identity pool (none: AssumeRoleWithWebIdentity called directly)",
      labelNames: ["pool"],
      registers,
      collect,
    }),
    openIdTokensIssued: new Counter({
      name: "idpool_openid_tokens_issued_total",
      help: "OpenID tokens issued by GetOpenIdToken and GetOpenIdTokenForDeveloperIdentity, by identity pool",
      labelNames: ["pool"],
      registers,
      collect,
    }),
    jwksFetches: new Counter({
      name: "idpool_jwks_fetches_total",
      help: "Fetches of a provider's discovery document and keys, by provider and result (ok, or the reason)",
      labelNames: ["provider", "result"],
      registers,
      collect,
    }),
    storeQueryDuration: new HistogramSeries({
      name: "idpool_store_query_duration_seconds",
      help: "Duration of each store query, by engine (sqlite, postgres)",
      labelNames: ["engine"],
      buckets: QUERY_BUCKETS_SECONDS,
      registers,
    }),
    keyDiscontinuities: new Counter({
      name: "idpool_provider_key_discontinuities_total",
      help: "Key sets replaced at once or TLS issuers changed, by provider, kind and action (warned, refused)",
      labelNames: ["provider", "kind", "action"],
      registers,
      collect,
    }),
    auditEventsLost: new Counter({
      name: "idpool_audit_events_lost_total",
      help: "Audit events that could not be written to the audit trail",
      registers,
    }),
  };
}
