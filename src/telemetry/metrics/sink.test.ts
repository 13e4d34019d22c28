import { describe, expect, it } from "vitest";
import { ManualClock, type ServiceEvent } from "../../shared/index.js";
import type { CachedProviderKeys, PoolNames, ProviderTarget } from "./index.js";
import { createMetrics } from "./index.js";

const POOL = "us-east-1:00000000-0000-4000-8000-000000000001";
const LATER_POOL = "us-east-1:00000000-0000-4000-8000-000000000002";
const PROVIDER_URL = "https://idp.example.com/tenant";
const silent = { info() {}, warn() {}, error() {}, debug() {} };

/** A store with one pool and one IAM provider; `add` registers another pool and bumps the version. */
function fakeStore() {
  let version = 1;
  const pools: PoolNames[] = [
    { poolId: POOL, supportedLoginProviders: {}, openIdConnectProviderArns: [], cognitoIdentityProviders: [] },
  ];
  const providers: ProviderTarget[] = [{ url: PROVIDER_URL, thumbprints: [] }];
  return {
    configVersion: async () => version,
    pools: { list: async () => ({ items: pools, nextAfter: undefined }) },
    oidcProviders: { list: async () => providers },
    add(poolId: string) {
      pools.push({ poolId, supportedLoginProviders: {}, openIdConnectProviderArns: [], cognitoIdentityProviders: [] });
      version++;
    },
  };
}

function setUp() {
  const clock = new ManualClock(1_000_000);
  const store = fakeStore();
  const keys = new Map<string, CachedProviderKeys>();
  const metrics = createMetrics({
    engine: "sqlite",
    log: silent,
    clock,
    publicProviderUrls: ["https://accounts.google.com"],
    sources: {
      store,
      providerKeys: (target) => keys.get(target.url),
      signingKeyCreatedAtMs: async () => 1_000_000 - 86_400_000,
    },
  });
  const emit = (event: ServiceEvent) => metrics.sink.emit(event);
  /** `name{labels}` → value, from prom-client's own reading of the registry. */
  const values = async (name: string) => {
    const found = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    return Object.fromEntries((found?.values ?? []).map((v) => [JSON.stringify(v.labels), v.value]));
  };
  return { clock, store, keys, metrics, emit, values };
}

const refused = (loginsKey: string, reason: string): ServiceEvent => ({
  type: "login_refused",
  poolId: POOL,
  loginsKey,
  rule: "audience",
  reason,
  detail: "",
  tokenDigest: undefined,
});

describe("metrics sink", () => {
  it("names a registered pool, counts an unregistered one as other, and a pool created a moment ago by name", async () => {
    const { store, emit, values } = setUp();
    emit({ type: "identity_created", poolId: POOL, identityId: "a" });
    emit({ type: "identity_created", poolId: "us-east-1:made-up", identityId: "b" });
    store.add(LATER_POOL);
    emit({ type: "identity_created", poolId: LATER_POOL, identityId: "c" });
    emit({
      type: "credentials_issued",
      poolId: undefined,
      identityId: undefined,
      loginsKeys: [],
      roleArn: "r",
      expiresAtMs: 0,
    });
    expect(await values("idpool_identities_created_total")).toEqual({
      [JSON.stringify({ pool: POOL })]: 1,
      [JSON.stringify({ pool: "other" })]: 1,
      [JSON.stringify({ pool: LATER_POOL })]: 1,
    });
    expect(await values("idpool_credentials_issued_total")).toEqual({ [JSON.stringify({ pool: "none" })]: 1 });
  });

  it("counts a refused login by its provider only when registered; not_supported is always other", async () => {
    const { emit, values } = setUp();
    emit(refused("idp.example.com/tenant", "audience_mismatch"));
    emit(refused("attacker.example", "bad_signature"));
    emit(refused("idp.example.com/tenant", "not_supported"));
    emit(refused("idp.example.com/tenant", "Not A Reason <script>"));
    expect(await values("idpool_logins_refused_total")).toEqual({
      [JSON.stringify({ provider: "idp.example.com/tenant", reason: "audience_mismatch" })]: 1,
      [JSON.stringify({ provider: "other", reason: "bad_signature" })]: 1,
      [JSON.stringify({ provider: "other", reason: "not_supported" })]: 1,
      [JSON.stringify({ provider: "idp.example.com/tenant", reason: "other" })]: 1,
    });
  });

  it("keeps outcomes to the error catalogue", async () => {
    const { emit, values } = setUp();
    const call = (outcome: string): ServiceEvent => ({
      type: "request",
      service: "cognito-identity",
      operation: "GetId",
      outcome,
      durationMs: 2,
      requestId: "r",
      principal: undefined,
      signed: false,
      claimedAccessKeyId: undefined,
      sourceAddress: undefined,
      resource: undefined,
    });
    for (const outcome of ["ok", "ok", "NotAuthorizedException", "SomethingMadeUp"]) emit(call(outcome));
    const labels = (outcome: string) => JSON.stringify({ service: "cognito-identity", operation: "GetId", outcome });
    expect(await values("idpool_requests_total")).toEqual({
      [labels("ok")]: 2,
      [labels("NotAuthorizedException")]: 1,
      [labels("other")]: 1,
    });
    const durations = await values("idpool_request_duration_seconds");
    expect(durations[JSON.stringify({ le: 0.0025, service: "cognito-identity", operation: "GetId" })]).toBe(4);
    expect(durations[JSON.stringify({ le: 0.001, service: "cognito-identity", operation: "GetId" })]).toBe(0);
  });

  it("reports key fetches, the keys' age and whether the last good ones are served", async () => {
    const { clock, keys, emit, values } = setUp();
    keys.set(PROVIDER_URL, { fetchedAtMs: clock.nowMs() });
    emit({ type: "jwks_fetch", provider: PROVIDER_URL, result: "ok" });
    clock.advanceMs(90_000);
    emit({ type: "jwks_fetch", provider: PROVIDER_URL, result: "jwks_unreachable" });
    emit({ type: "jwks_fetch", provider: "https://unregistered.example", result: "ok" });
    const provider = JSON.stringify({ provider: "idp.example.com/tenant" });
    expect(await values("idpool_jwks_fetches_total")).toEqual({
      [JSON.stringify({ provider: "idp.example.com/tenant", result: "ok" })]: 1,
      [JSON.stringify({ provider: "idp.example.com/tenant", result: "jwks_unreachable" })]: 1,
      [JSON.stringify({ provider: "other", result: "ok" })]: 1,
    });
    expect(await values("idpool_provider_keys_age_seconds")).toEqual({ [provider]: 90 });
    expect(await values("idpool_provider_keys_last_good")).toEqual({ [provider]: 1 });
    clock.advanceMs(1_000);
    keys.set(PROVIDER_URL, { fetchedAtMs: clock.nowMs() });
    clock.advanceMs(5_000);
    expect(await values("idpool_provider_keys_age_seconds")).toEqual({ [provider]: 5 });
    expect(await values("idpool_provider_keys_last_good")).toEqual({ [provider]: 0 });
    expect(await values("idpool_signing_key_age_seconds")).toEqual({ "{}": 86_400 + 96 });
  });

  it("treats a refused new key set as serving the last good keys", async () => {
    const { clock, keys, emit, values } = setUp();
    keys.set("https://accounts.google.com", { fetchedAtMs: clock.nowMs() });
    clock.advanceMs(10_000);
    emit({
      type: "key_discontinuity",
      provider: "https://accounts.google.com",
      kind: "key_set_replaced",
      previousKids: ["a"],
      newKids: ["b"],
      action: "refused",
    });
    expect(await values("idpool_provider_keys_last_good")).toEqual({
      [JSON.stringify({ provider: "accounts.google.com" })]: 1,
    });
  });

  it("counts key discontinuities by provider, kind and action, and lost audit events", async () => {
    const { metrics, emit, values } = setUp();
    emit({
      type: "key_discontinuity",
      provider: PROVIDER_URL,
      kind: "key_set_replaced",
      previousKids: ["a"],
      newKids: ["b"],
      action: "warned",
    });
    expect(await values("idpool_provider_key_discontinuities_total")).toEqual({
      [JSON.stringify({ provider: "idp.example.com/tenant", kind: "key_set_replaced", action: "warned" })]: 1,
    });
    metrics.countAuditLost(3);
    expect(await values("idpool_audit_events_lost_total")).toEqual({ "{}": 3 });
  });

  it("times store queries by engine, in seconds", async () => {
    const { metrics, values } = setUp();
    metrics.observeStoreQuery(0.04);
    metrics.observeStoreQuery(3);
    const durations = await values("idpool_store_query_duration_seconds");
    expect(durations[JSON.stringify({ le: 0.00005, engine: "sqlite" })]).toBe(1);
    expect(durations[JSON.stringify({ le: 0.005, engine: "sqlite" })]).toBe(2);
  });
});
