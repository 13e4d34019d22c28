import { createRequire } from "node:module";
import {
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { errorOf } from "../support/server.js";

/** prom2json's shape, as parse-prometheus-text-format returns it (a CommonJS module without types). */
interface Sample {
  readonly labels?: Record<string, string>;
  readonly value?: string;
}
interface Family {
  readonly name: string;
  readonly type: string;
  readonly metrics: readonly Sample[];
}
const parsePrometheus = createRequire(import.meta.url)("parse-prometheus-text-format") as (text: string) => Family[];

let f: PoolFixture;
/** The scrape as the parser reads it (names, types). */
let families: Family[];
/**
 * Every sample with its labels. The parser folds a labelled histogram into one sample (its
 * `flattenMetrics`), so here histograms are read as their plain `_bucket`, `_sum`, `_count` series.
 */
let samples: Family[];
let scrapeText: string;
const MISSING_POOL = "us-east-1:00000000-0000-4000-8000-0000000000ff";

/** The sample of `name` whose labels include `labels`; fails when there is none. */
function sample(name: string, labels: Record<string, string> = {}): Sample {
  // One label set's histogram series come together, so a name may open several families here.
  const found = samples
    .filter((m) => m.name === name)
    .flatMap((m) => m.metrics)
    .find((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v));
  expect(found, `${name} ${JSON.stringify(labels)}`).toBeDefined();
  return found as Sample;
}
const value = (name: string, labels: Record<string, string> = {}) => Number(sample(name, labels).value);

beforeAll(async () => {
  f = await startPoolFixture({ allowClassicFlow: true, server: { flags: { metricsPort: "0" } } });
  const cognito = f.server.cognito;
  const Logins = { [f.idp.loginsKey]: await f.idp.issueToken({ sub: "metrics-user" }) };
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
  await cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins }));
  await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
  await cognito.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
  const wrongAudience = await f.idp.issueToken({ sub: "metrics-user", aud: "another-app" });
  await errorOf(() =>
    cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { [f.idp.loginsKey]: wrongAudience } })),
  );
  await errorOf(() =>
    cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { "unregistered.example.com": wrongAudience } })),
  );
  await cognito.send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
  await errorOf(() => cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: MISSING_POOL })));
  const scrape = await fetch(f.server.app.metricsUrl ?? "");
  expect(scrape.status).toBe(200);
  expect(scrape.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  scrapeText = await scrape.text();
  families = parsePrometheus(scrapeText);
  samples = parsePrometheus(scrapeText.replace(/^# TYPE (\S+) histogram$/gm, "# TYPE $1 untyped"));
});
afterAll(async () => {
  await f?.stop();
});

describe("metrics (--metrics-port)", () => {
  it("listens on its own port of --metrics-host", () => {
    expect(f.server.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(f.server.app.metricsUrl ?? "").port).not.toBe(String(f.server.app.port));
  });

  it("counts calls by service, operation and outcome, with their durations", () => {
    const getId = { service: "cognito-identity", operation: "GetId" };
    expect(value("idpool_requests_total", { ...getId, outcome: "ok" })).toBe(2);
    expect(value("idpool_requests_total", { ...getId, outcome: "NotAuthorizedException" })).toBe(2);
    const admin = { service: "cognito-identity", operation: "ListIdentityPools", outcome: "ok" };
    expect(value("idpool_requests_total", admin)).toBe(1);
    const missing = { operation: "DescribeIdentityPool", outcome: "ResourceNotFoundException" };
    expect(value("idpool_requests_total", missing)).toBe(1);
    expect(value("idpool_requests_total", { service: "iam", operation: "CreateOpenIDConnectProvider" })).toBe(1);
    expect(value("idpool_request_duration_seconds_count", getId)).toBe(4);
    expect(value("idpool_request_duration_seconds_bucket", { ...getId, le: "+Inf" })).toBe(4);
    expect(value("idpool_request_duration_seconds_bucket", { ...getId, le: "0.0005" })).toBeLessThanOrEqual(4);
    expect(value("idpool_request_duration_seconds_sum", getId)).toBeGreaterThan(0);
    expect(families.find((m) => m.name === "idpool_request_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(families.find((m) => m.name === "idpool_requests_total")?.type).toBe("COUNTER");
  });

  it("counts refused logins by registered provider and reason, and an unregistered logins key as other", () => {
    const registered = { provider: f.idp.loginsKey, reason: "audience_mismatch" };
    expect(value("idpool_logins_refused_total", registered)).toBe(1);
    expect(value("idpool_logins_refused_total", { provider: "other", reason: "not_supported" })).toBe(1);
    expect(scrapeText).not.toContain("unregistered.example.com");
  });

  it("counts identities created, credentials and OpenID tokens issued, by pool", () => {
    expect(value("idpool_identities_created_total", { pool: f.poolId })).toBe(1);
    expect(value("idpool_credentials_issued_total", { pool: f.poolId })).toBe(1);
    expect(value("idpool_openid_tokens_issued_total", { pool: f.poolId })).toBe(1);
  });

  it("reports key fetches, the age of the provider's keys, the last-good flag and the signing key's age", () => {
    expect(value("idpool_jwks_fetches_total", { provider: f.idp.loginsKey, result: "ok" })).toBe(1);
    const age = value("idpool_provider_keys_age_seconds", { provider: f.idp.loginsKey });
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
    expect(value("idpool_provider_keys_last_good", { provider: f.idp.loginsKey })).toBe(0);
    expect(families.find((m) => m.name === "idpool_provider_keys_age_seconds")?.type).toBe("GAUGE");
    const signingAge = value("idpool_signing_key_age_seconds");
    expect(signingAge).toBeGreaterThanOrEqual(0);
    expect(signingAge).toBeLessThan(60);
  });

  it("times store queries and reports the process metrics under the idpool_ prefix", () => {
    expect(value("idpool_store_query_duration_seconds_count", { engine: "sqlite" })).toBeGreaterThan(5);
    expect(value("idpool_process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(value("idpool_nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    for (const family of families) expect(family.name).toMatch(/^idpool_[a-z0-9_]+$/);
  });

  it("serves nothing but /metrics", async () => {
    const base = new URL(f.server.app.metricsUrl ?? "");
    for (const path of ["/", "/healthz", "/metrics/x", "/.well-known/jwks.json"]) {
      expect((await fetch(new URL(path, base))).status, path).toBe(404);
    }
    const posted = await fetch(base, { method: "POST", body: "x" });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET, HEAD");
    expect((await fetch(new URL("/metrics", f.server.url))).status).not.toBe(200);
  });
});
