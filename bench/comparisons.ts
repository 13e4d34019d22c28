/** The comparisons a run makes across its rows: PostgreSQL against SQLite, the gateway against GetCallerIdentity. */
import type { GatewayResult } from "./gateway.js";
import type { OperationName, StoreName } from "./options.js";
import type { OperationResult } from "./report.js";

/** PostgreSQL's share of SQLite's throughput that the project targets, per operation. */
const POSTGRES_TARGET: Partial<Record<OperationName, number>> = { GetCredentialsForIdentity: 0.7 };

/** One operation measured on both stores in the same run. */
export interface StoreComparison {
  readonly operation: OperationName;
  readonly sqliteRps: number;
  readonly postgresqlRps: number;
  /** PostgreSQL's req/s over SQLite's. */
  readonly ratio: number;
  readonly target: number | undefined;
}

/** The gateway's CPU per request is at most twice GetCallerIdentity's (README, Performance). */
export const GATEWAY_CPU_TARGET = 2;

/** Through the gateway against straight to the upstream, and the gateway's cost against GetCallerIdentity's. */
export interface GatewayComparison {
  readonly store: StoreName;
  readonly direct: GatewayResult;
  readonly gateway: GatewayResult;
  readonly callerIdentityCpuMicros: number | undefined;
  /** The gateway's CPU per request over GetCallerIdentity's server CPU per request. */
  readonly cpuRatio: number | undefined;
}

export function compareGateway(
  results: readonly OperationResult[],
  gatewayResults: readonly GatewayResult[],
): GatewayComparison[] | undefined {
  const compared: GatewayComparison[] = [];
  for (const gateway of gatewayResults.filter((r) => r.route === "gateway")) {
    const direct = gatewayResults.find((r) => r.route === "direct" && r.store === gateway.store);
    if (!direct) continue;
    const caller = results.find(
      (r) => r.operation === "GetCallerIdentity" && r.store === gateway.store,
    )?.serverCpuMicrosPerRequest;
    const cpuRatio = caller ? gateway.cpuMicrosPerRequest / caller : undefined;
    compared.push({ store: gateway.store, direct, gateway, callerIdentityCpuMicros: caller, cpuRatio });
  }
  return compared.length > 0 ? compared : undefined;
}

export function compareStores(results: readonly OperationResult[]): StoreComparison[] | undefined {
  const rps = (op: OperationName, store: StoreName) =>
    results.find((r) => r.operation === op && r.store === store)?.rps;
  const compared: StoreComparison[] = [];
  for (const operation of new Set(results.map((r) => r.operation))) {
    const sqliteRps = rps(operation, "sqlite");
    const postgresqlRps = rps(operation, "postgresql");
    if (sqliteRps === undefined || postgresqlRps === undefined || sqliteRps === 0) continue;
    const target = POSTGRES_TARGET[operation];
    compared.push({ operation, sqliteRps, postgresqlRps, ratio: postgresqlRps / sqliteRps, target });
  }
  return compared.length > 0 ? compared : undefined;
}
