/**
 * `npm run bench -- --only Gateway` (README, Performance): requests through `idpool gateway` against
 * the same requests sent straight to its upstream, in one run. The upstream is the HTTP floor server
 * (a fixed answer to anything); the gateway runs as `npm start` would run it, on the measured
 * store, in front of it. Each request is a GET signed with enhanced-flow credentials of a bench
 * identity (SigV4, service execute-api, as the AWS SDKs sign), allowed by an inline policy on the
 * bench role, so every request takes the full path: signature, session, policy, forward.
 */
import { fileURLToPath } from "node:url";
import { IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { type LoadSettings, measure } from "./load.js";
import type { StoreName } from "./options.js";
import { type ChildServer, startChild } from "./processes.js";
import { type RequestContext, signedWithEachIdentity, type WireRequest } from "./requests.js";
import { BENCH_ROOT } from "./setup.js";

const FLOOR_SERVER = fileURLToPath(new URL("./floor-server.ts", import.meta.url));

export interface GatewayResult {
  readonly store: StoreName;
  readonly route: "direct" | "gateway";
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
  /** CPU of the process measured (the upstream for direct, the gateway for through) per 2xx response. */
  readonly cpuMicrosPerRequest: number;
}

async function allowInvoke(serverUrl: string, roleArn: string): Promise<void> {
  const iam = new IAMClient({ endpoint: serverUrl, region: "us-east-1", credentials: BENCH_ROOT, maxAttempts: 1 });
  try {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleArn.slice(roleArn.lastIndexOf("/") + 1),
        PolicyName: "bench-invoke",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "execute-api:Invoke",
              Resource: "arn:aws:execute-api:us-east-1:000000000000:idpool/$default/GET/items/*",
            },
          ],
        }),
      }),
    );
  } finally {
    iam.destroy();
  }
}

/** GET /items/<n>, signed for the gateway's host with each identity's credentials. */
function signedRequests(ctx: RequestContext, gatewayUrl: string): Promise<WireRequest[]> {
  const host = new URL(gatewayUrl).host;
  return signedWithEachIdentity(ctx, (i) => ({
    service: "execute-api",
    method: "GET",
    path: `/items/${i}`,
    headers: { host },
  }));
}

async function measured(
  child: ChildServer,
  url: string,
  requests: readonly WireRequest[],
  settings: Omit<LoadSettings, "url">,
): Promise<Omit<GatewayResult, "store" | "route">> {
  let cpuAtStart = 0;
  const result = await measure({ ...settings, url }, requests, { start: () => (cpuAtStart = child.cpuSeconds()) });
  const responses = result.rps * settings.durationSeconds;
  const cpuMicros = (child.cpuSeconds() - cpuAtStart) * 1e6;
  return {
    rps: result.rps,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    errors: result.errors,
    non2xx: result.non2xx,
    cpuMicrosPerRequest: responses > 0 ? cpuMicros / responses : 0,
  };
}

/** Direct, then through the gateway, on one store; the idpool server `ctx.url` serves the set-up. */
export async function measureGateway(
  main: string,
  store: { readonly name: StoreName; readonly dataDir: string; readonly databaseUrl: string | undefined },
  ctx: RequestContext,
  settings: Omit<LoadSettings, "url">,
  cpuProfDir?: string,
): Promise<GatewayResult[]> {
  await allowInvoke(ctx.url, ctx.pool.authRoleArn);
  // Straight to the upstream, the upstream is the server measured: on the server's CPUs. Through
  // the gateway, the gateway is: its upstream is environment, as the load generator is, so it runs
  // on the load generator's CPUs (pinned runs) and its loopback traffic is not the gateway's to pay.
  const upstream = await startChild(["--import", "tsx", FLOOR_SERVER, "1"], {}, "upstream");
  const behind = await startChild(["--import", "tsx", FLOOR_SERVER, "1"], {}, "upstream behind the gateway", "load");
  const nodeFlags = cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfDir}`] : [];
  const args = [...nodeFlags, main, "gateway", "--upstream", behind.url, "--port", "0", "--data-dir", store.dataDir];
  if (store.databaseUrl) args.push("--database-url", store.databaseUrl);
  const gateway = await startChild(
    args,
    {
      IDPOOL_ROOT_ACCESS_KEY_ID: BENCH_ROOT.accessKeyId,
      IDPOOL_ROOT_SECRET_ACCESS_KEY: BENCH_ROOT.secretAccessKey,
      IDPOOL_LOG_LEVEL: process.env.IDPOOL_LOG_LEVEL ?? "info",
    },
    "idpool gateway",
  );
  try {
    const requests = await signedRequests(ctx, gateway.url);
    const [first] = requests;
    if (first) {
      const res = await fetch(`${gateway.url}${first.path}`, { headers: first.headers });
      if (res.status !== 200) throw new Error(`Gateway: unexpected answer ${res.status} ${await res.text()}`);
    }
    const direct = await measured(upstream, upstream.url, requests, settings);
    const through = await measured(gateway, gateway.url, requests, settings);
    return [
      { store: store.name, route: "direct", ...direct },
      { store: store.name, route: "gateway", ...through },
    ];
  } finally {
    await gateway.stop();
    await behind.stop();
    await upstream.stop();
  }
}
