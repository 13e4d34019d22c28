import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The operations measured, in the order they run (README, Performance). */
export const OPERATIONS = [
  "GetId",
  "GetCredentialsForIdentity",
  "GetOpenIdToken",
  "AssumeRoleWithWebIdentity",
  "GetCallerIdentity",
] as const;
export type OperationName = (typeof OPERATIONS)[number];

const SHORT_NAMES: Record<string, OperationName> = {
  getid: "GetId",
  gcfi: "GetCredentialsForIdentity",
  getcredentialsforidentity: "GetCredentialsForIdentity",
  getopenidtoken: "GetOpenIdToken",
  openid: "GetOpenIdToken",
  sts: "AssumeRoleWithWebIdentity",
  assumerolewithwebidentity: "AssumeRoleWithWebIdentity",
  getcalleridentity: "GetCallerIdentity",
  caller: "GetCallerIdentity",
};

/** The engines a run can measure (PostgreSQL beside SQLite in the same run). */
export const STORES = ["sqlite", "postgresql"] as const;
export type StoreName = (typeof STORES)[number];

export interface BenchOptions {
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly identities: number;
  readonly workers: number;
  /** An empty PostgreSQL database for the postgresql store; without it, a throwaway server is started. */
  readonly databaseUrl: string | undefined;
  /** Measured one after the other for each operation, so their numbers share the machine's state. */
  readonly stores: readonly StoreName[];
  readonly only: readonly OperationName[];
  /**
   * `--only Gateway` (also in the default run): requests through `idpool gateway` against the same
   * requests straight to its upstream. It brings GetCallerIdentity along, the yardstick of its cost.
   */
  readonly gateway: boolean;
  /** How many distinct pre-issued tokens (or signed requests) each operation rotates through. */
  readonly rotation: number;
  readonly resultsDir: string;
  /** Write a V8 CPU profile per server process into this folder (node --cpu-prof). */
  readonly cpuProfDir: string | undefined;
  /** Skip the HTTP floor and crypto ceilings (profiling runs). */
  readonly skipCeilings: boolean;
  /** Benchmark this compiled tree (its cli/main.js) instead of compiling src/ (e.g. to compare a change). */
  readonly build: string | undefined;
  /**
   * Telemetry to measure against none: each operation then runs on a server without it and, at
   * once, on one with it (metrics listener and/or audit trail on), so the two share the machine's state.
   */
  readonly telemetry: { readonly metrics: boolean; readonly audit: boolean };
  /**
   * Also measure GetId, GetCredentialsForIdentity and AssumeRoleWithWebIdentity (those of `only`)
   * with a token never sent before on every request, against the HTTP + RS256 ceiling (first-seen.ts).
   * Off by default: minting the tokens takes about as long as the rows themselves.
   */
  readonly firstSeen: boolean;
  /** Pin the server and the load generator to separate CPUs with taskset when possible (placement.ts). */
  readonly pin: boolean;
}

export const USAGE = `npm run bench -- [options]
  --duration <s>        measured seconds per operation (default 10)
  --warmup <s>          warm-up seconds before each measurement (default 3)
  --connections <n>     concurrent connections (default 50)
  --identities <n>      identities created before the run (default 10000)
  --workers <n|auto>    idpool serve --workers (default 1)
  --stores <list>       sqlite, postgresql or both (default sqlite; postgresql with --database-url)
  --database-url <url>  an empty PostgreSQL database for the postgresql store (default: a
                        throwaway server started with initdb and pg_ctl from the PATH)
  --only <ops>          comma list: GetId,GCFI,GetOpenIdToken,STS,GetCallerIdentity,Gateway
                        (Gateway: through idpool gateway vs straight to its upstream, with
                        GetCallerIdentity measured beside it as the yardstick)
  --rotation <n>        distinct tokens/requests per operation (default 1000)
  --results-dir <dir>   where the tables go (default bench/results)
  --cpu-prof <dir>      profile the server processes (node --cpu-prof) into <dir>
  --skip-ceilings       do not measure the HTTP floor and crypto ceilings
  --build <dir>         benchmark this compiled tree (tsc output) instead of compiling src/
  --metrics, --audit    also measure each operation with the metrics listener and/or the audit
                        trail on, back to back with them off (reports the on/off ratio)
  --first-seen          also measure GetId, GCFI and STS with a new provider ID token (RS256) on
                        every request, minted before the window, each sent once, against the HTTP +
                        RS256 ceiling (one request plus one verification); the minting time is
                        reported (about half a millisecond of CPU a token)
  --no-pin              do not pin: by default, where taskset exists, the server's processes run on
                        every CPU but the last and the load generator on the last one (with 2 CPUs
                        and --workers 2, both workers share CPU 0; --no-pin lets them spread)`;

function positive(name: string, text: string | undefined, fallback: number, integer = true): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name}: expected a positive ${integer ? "whole " : ""}number, got '${text}'`);
  }
  return value;
}

function stores(text: string | undefined, databaseUrl: string | undefined): StoreName[] {
  if (text === undefined) return databaseUrl ? ["postgresql"] : ["sqlite"];
  const chosen = text.split(",").map((raw) => {
    const name = raw.trim().toLowerCase();
    const store = STORES.find((s) => s === name || (name === "postgres" && s === "postgresql"));
    if (!store) throw new Error(`--stores: unknown store '${raw}'; one of ${STORES.join(", ")}`);
    return store;
  });
  return [...new Set(chosen)];
}

function operations(text: string | undefined): { only: OperationName[]; gateway: boolean } {
  if (text === undefined) return { only: [...OPERATIONS], gateway: true };
  const names = text.split(",").map((raw) => raw.trim().toLowerCase());
  const gateway = names.includes("gateway");
  const only = names
    .filter((name) => name !== "gateway")
    .map((name) => {
      const op = SHORT_NAMES[name];
      if (!op) throw new Error(`--only: unknown operation '${name}'; one of ${OPERATIONS.join(", ")}, Gateway`);
      return op;
    });
  if (gateway && !only.includes("GetCallerIdentity")) only.push("GetCallerIdentity");
  return { only: [...new Set(only)], gateway };
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      identities: { type: "string" },
      workers: { type: "string" },
      "database-url": { type: "string" },
      stores: { type: "string" },
      only: { type: "string" },
      rotation: { type: "string" },
      "results-dir": { type: "string" },
      "cpu-prof": { type: "string" },
      "skip-ceilings": { type: "boolean" },
      build: { type: "string" },
      metrics: { type: "boolean" },
      audit: { type: "boolean" },
      "first-seen": { type: "boolean" },
      "no-pin": { type: "boolean" },
    },
    strict: true,
  });
  return {
    durationSeconds: positive("duration", values.duration, 10, false),
    warmupSeconds: values.warmup === "0" ? 0 : positive("warmup", values.warmup, 3, false),
    connections: positive("connections", values.connections, 50),
    identities: positive("identities", values.identities, 10_000),
    workers: values.workers === "auto" ? availableParallelism() : positive("workers", values.workers, 1),
    databaseUrl: values["database-url"],
    stores: stores(values.stores, values["database-url"]),
    ...operations(values.only),
    rotation: positive("rotation", values.rotation, 1000),
    resultsDir: values["results-dir"] ?? fileURLToPath(new URL("./results", import.meta.url)),
    cpuProfDir: values["cpu-prof"],
    skipCeilings: values["skip-ceilings"] ?? false,
    build: values.build,
    telemetry: { metrics: values.metrics ?? false, audit: values.audit ?? false },
    firstSeen: values["first-seen"] ?? false,
    pin: !(values["no-pin"] ?? false),
  };
}
