/**
 * `npm run bench`: idpool under load (README, Performance). Builds the server, starts it as a child process
 * (so its RSS is measurable and the load generator has its own event loop) with a test OpenID
 * provider over HTTPS, creates the provider, role and pool through the official SDKs, loads the
 * identities, then measures each operation with autocannon and compares it with ceilings measured
 * on the same machine. With --first-seen, GetId, GetCredentialsForIdentity and
 * AssumeRoleWithWebIdentity again with a new token on every request (first-seen.ts). Where taskset
 * exists, the server's processes and the load generator run on separate CPUs (placement.ts).
 * Flags: see USAGE in options.ts, or `npm run bench -- --help`.
 */
import { mkdirSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { startTestOidcProvider } from "../test/support/oidc-provider.js";
import { atOnceSummary } from "./at-once.js";
import { measureCeilings, startFloor } from "./ceilings.js";
import { measureFirstSeenStage } from "./first-seen-stage.js";
import { measureRow } from "./floor-at-once.js";
import { type GatewayResult, measureGateway } from "./gateway.js";
import { benchSubject, loadIdentities } from "./identities.js";
import { type OperationName, parseBenchOptions, USAGE } from "./options.js";
import { choosePlacement, onServerCpus, pinLoadGenerator } from "./placement.js";
import { buildServer, type ChildServer, type IdpoolChildOptions, startIdpool, WORK_DIR } from "./processes.js";
import { buildReport, type OperationResult } from "./report.js";
import { toMarkdown, writeReport } from "./report-markdown.js";
import { buildRequests, callAll, expectedIn, type RequestContext, sampleUsers, type WireRequest } from "./requests.js";
import { BENCH_ROOT, createBenchPool } from "./setup.js";
import { cpuTimes, stealShare } from "./steal.js";
import { prepareStores, type StoreTarget, storeServes } from "./stores.js";
import { measureTelemetryStage } from "./telemetry-stage.js";

// The SDK clients used for set-up warn about Node 20 on every start; the project pins them (toolchain §1).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
if (process.argv.includes("--help")) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const options = parseBenchOptions(process.argv.slice(2));
const startedAt = new Date();
const loadAverageAtStart = loadavg()[0] ?? 0;
const cpuAtStart = cpuTimes();
const say = (text: string) => process.stderr.write(`bench: ${text}\n`);
if (loadAverageAtStart > 0.5)
  say(`the machine is busy (load average ${loadAverageAtStart.toFixed(2)}): numbers will be low`);
const placement = choosePlacement(options.pin, options.workers);
say(`placement: ${placement.description}`);
const settings = {
  connections: options.connections,
  durationSeconds: options.durationSeconds,
  warmupSeconds: options.warmupSeconds,
};

const runDir = join(WORK_DIR, `run-${process.pid}-${startedAt.getTime()}`);
mkdirSync(runDir, { recursive: true });
const idp = await startTestOidcProvider();
// A throwaway PostgreSQL is the server's too: started from the server's CPUs, it stays on them.
const stores = await onServerCpus(() => prepareStores(options.stores, options.databaseUrl, runDir));
const running: ChildServer[] = [];
try {
  if (!options.build) say(`compiling the server into ${runDir}`);
  const main = options.build ? resolve(options.build, "cli/main.js") : await buildServer(join(runDir, "dist"));
  const users = sampleUsers(options.identities, options.rotation);
  const idTokens = await Promise.all(users.map((n) => idp.issueToken({ sub: benchSubject(n) })));
  // Every store is set up and its server started before anything is measured; then each
  // operation runs on each store back to back, so a comparison shares the machine's state.
  const contexts: {
    target: StoreTarget;
    server: ChildServer;
    ctx: RequestContext;
    serve: IdpoolChildOptions;
    /** The first-seen rows' server, started while this one still runs: on its own copy of a SQLite store. */
    firstSeenServe: IdpoolChildOptions;
    /** Absent: the store's measured server; "on" and "twin" only serve the telemetry comparison. */
    role?: "on" | "twin";
  }[] = [];
  let identityLoadMs = 0;
  const storeNotes: string[] = [];
  for (const target of stores.targets) {
    const serverOptions = { main, dataDir: target.dataDir, databaseUrl: target.databaseUrl, root: BENCH_ROOT };
    // Set-up through the SDKs on a first server; the measured server starts afresh on the loaded store.
    const setupServer = await startIdpool({ ...serverOptions, workers: 1 });
    const pool = await createBenchPool(setupServer.url, idp).finally(() => setupServer.stop());
    say(`${target.store}: loading ${options.identities} identities through the Store API`);
    const loadMs = await loadIdentities(
      { ...serverOptions, region: "us-east-1", poolId: pool.poolId, provider: idp.loginsKey },
      options.identities,
    );
    identityLoadMs += loadMs;
    storeNotes.push(`${target.store}: ${target.note}; identities loaded in ${(loadMs / 1000).toFixed(1)} s`);
    const serves = storeServes(
      target,
      { ...serverOptions, workers: options.workers, cpuProfDir: options.cpuProfDir },
      options,
      join(runDir, `audit-${target.store}.log`),
    );
    const roles = [
      { role: undefined, serve: serves.measured },
      ...(serves.telemetry
        ? [
            { role: "on" as const, serve: serves.telemetry.on },
            { role: "twin" as const, serve: serves.telemetry.twin },
          ]
        : []),
    ];
    for (const { role, serve } of roles) {
      const server = await startIdpool(serve);
      running.push(server);
      const ctx = { url: server.url, idp, pool, users, idTokens };
      contexts.push({
        target,
        server,
        serve,
        firstSeenServe: role ? serve : serves.firstSeen,
        ctx,
        ...(role ? { role } : {}),
      });
    }
  }
  // Set-up is done: from here on the load generator keeps to its CPU (but while minting tokens).
  pinLoadGenerator();
  const results: OperationResult[] = [];
  // Each context's requests per operation, each set checked by one call first.
  const requestSets = new Map<OperationName, WireRequest[][]>();
  for (const operation of options.only) {
    const sets: WireRequest[][] = [];
    for (const { server, ctx } of contexts) {
      const requests = await buildRequests(operation, ctx);
      const [answer] = await callAll(server.url, requests.slice(0, 1));
      if (!JSON.stringify(answer).includes(expectedIn(operation, ctx))) {
        throw new Error(`${operation}: unexpected answer ${JSON.stringify(answer).slice(0, 500)}`);
      }
      sets.push(requests);
    }
    requestSets.set(operation, sets);
  }
  // Telemetry's cost first, while the three servers of a store have the same history (JIT, caches):
  // measured after the store's rows, the server measured alone kept a lead of 3–5 % over its twin.
  const telemetry = await measureTelemetryStage({
    operations: options.only,
    servers: contexts.map((c, i) => ({
      store: c.target.store,
      role: c.role ?? "off",
      server: c.server,
      requests: (operation: OperationName) => requestSets.get(operation)?.[i] ?? [],
    })),
    settings,
    say,
  });
  // The floor beside each row, at once (floor-at-once.ts); stopped with the servers, before the ceilings.
  const floorServer = options.skipCeilings ? undefined : await startFloor(options.workers);
  if (floorServer) running.push(floorServer);
  for (const operation of options.only) {
    for (const [i, { target, server, role }] of contexts.entries()) {
      if (role) continue;
      const requests = requestSets.get(operation)?.[i] ?? [];
      const result = await measureRow(server, floorServer, target.store, operation, requests, settings);
      say(
        `${operation} (${target.store}): ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms, ` +
          `${Math.round(result.serverCpuMicrosPerRequest)} µs server CPU/req, ${result.errors + result.non2xx} failed` +
          (result.atOnce ? `; ${atOnceSummary(result.atOnce)}` : ""),
      );
      results.push(result);
    }
  }
  const firstSeen = await measureFirstSeenStage({
    options,
    idp,
    settings,
    stores: contexts
      .filter((c) => !c.role)
      .map(({ target, ctx, firstSeenServe }) => ({ store: target.store, ctx, serve: firstSeenServe })),
    repeated: results.filter((r) => r.tokens === "repeated"),
    running,
    say,
  });
  results.push(...firstSeen.rows);
  const httpRs256 = firstSeen.httpRs256;
  const gatewayResults: GatewayResult[] = [];
  if (options.gateway) {
    for (const { target, ctx, role } of contexts) {
      if (role) continue;
      const store = { name: target.store, dataDir: target.dataDir, databaseUrl: target.databaseUrl };
      for (const r of await measureGateway(main, store, ctx, settings, options.cpuProfDir)) {
        say(
          `Gateway ${r.route} (${r.store}): ${Math.round(r.rps)} req/s, p99 ${r.p99Ms} ms, ` +
            `${Math.round(r.cpuMicrosPerRequest)} µs CPU/req (${r.route === "direct" ? "upstream" : "gateway"}), ${r.errors + r.non2xx} failed`,
        );
        gatewayResults.push(r);
      }
    }
  }
  for (const server of running.splice(0)) await server.stop();
  let ceilings: Awaited<ReturnType<typeof measureCeilings>> | undefined;
  if (!options.skipCeilings) {
    say("measuring the HTTP floor and the crypto ceilings");
    const first = contexts[0];
    if (first) ceilings = await measureCeilings(settings, options.workers, await buildRequests("GetId", first.ctx));
    if (ceilings && httpRs256) ceilings = { ...ceilings, httpRs256 };
  }
  const report = buildReport(
    options,
    placement,
    startedAt,
    { loadAverageAtStart, stealDuringRun: stealShare(cpuAtStart, cpuTimes()) },
    identityLoadMs,
    storeNotes,
    results,
    ceilings,
    gatewayResults,
    telemetry,
  );
  process.stdout.write(`\n${toMarkdown(report)}\n`);
  say(`written to ${writeReport(report, options.resultsDir)} and latest.md/latest.json`);
} finally {
  for (const server of running) await server.stop();
  await stores.stop();
  await idp.stop();
  rmSync(runDir, { recursive: true, force: true });
}
