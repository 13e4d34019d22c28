import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../shared/index.js";
import { openSqliteStore, type RevocationRecord, type Store } from "../../store/index.js";
import { RevocationList } from "./revocations.js";

const NOW_MS = 1_800_000_000_000;
const ALICE = "us-east-1:00000000-0000-4000-8000-00000000000a";
const BOB = "us-east-1:00000000-0000-4000-8000-00000000000b";
const POOL = "us-east-1:11111111-1111-4111-8111-111111111111";
const OTHER_POOL = "us-east-1:22222222-2222-4222-8222-222222222222";

const record = (scope: "identity" | "pool", target: string, issuedBeforeMs: number): RevocationRecord => ({
  scope,
  target,
  issuedBeforeMs,
  createdAtMs: NOW_MS,
});

/** The same store, except that its revocations' listSince does what `listSince` says. */
function storeWithListSince(store: Store, listSince: Store["revocations"]["listSince"]): Store {
  const revocations = { put: (r: RevocationRecord) => store.revocations.put(r), listSince };
  return new Proxy(store, { get: (target, key) => (key === "revocations" ? revocations : Reflect.get(target, key)) });
}

describe("RevocationList", () => {
  let store: Store;
  let clock: ManualClock;
  const lists: RevocationList[] = [];
  const listOn = async (s: Store, log?: { warn: (obj: object, msg?: string) => void }, refreshMs = 10) => {
    const list = new RevocationList(s, clock, log, refreshMs);
    lists.push(list);
    await list.start();
    return list;
  };

  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    await store.migrate();
    clock = new ManualClock(NOW_MS);
  });
  afterEach(async () => {
    for (const list of lists.splice(0)) list.stop();
    await store.close();
  });

  it("revokes an identity's subjects issued before the time, and only that identity's", async () => {
    const list = await listOn(store);
    await list.revoke(record("identity", ALICE, NOW_MS - 5000));
    expect(list.revokedBefore({ identityId: ALICE, poolId: POOL, issuedAtMs: NOW_MS - 5001 })).toBe(NOW_MS - 5000);
    // "Before" is strict: a subject issued at the revocation's time stands.
    expect(list.revokedBefore({ identityId: ALICE, poolId: POOL, issuedAtMs: NOW_MS - 5000 })).toBeUndefined();
    expect(list.revokedBefore({ identityId: BOB, poolId: POOL, issuedAtMs: NOW_MS - 9000 })).toBeUndefined();
    expect(list.revokedBefore({ issuedAtMs: NOW_MS - 9000 })).toBeUndefined();
  });

  it("revokes every identity of a pool issued before the time, and only that pool's", async () => {
    const list = await listOn(store);
    await list.revoke(record("pool", POOL, NOW_MS - 1000));
    expect(list.revokedBefore({ identityId: ALICE, poolId: POOL, issuedAtMs: NOW_MS - 2000 })).toBe(NOW_MS - 1000);
    expect(list.revokedBefore({ identityId: BOB, poolId: POOL, issuedAtMs: NOW_MS - 1001 })).toBe(NOW_MS - 1000);
    expect(list.revokedBefore({ identityId: BOB, poolId: POOL, issuedAtMs: NOW_MS - 1000 })).toBeUndefined();
    expect(list.revokedBefore({ identityId: ALICE, poolId: OTHER_POOL, issuedAtMs: NOW_MS - 2000 })).toBeUndefined();
    // A pool id is not an identity id: the scopes do not mix.
    expect(list.revokedBefore({ identityId: POOL, issuedAtMs: NOW_MS - 2000 })).toBeUndefined();
  });

  it("keeps the later time when a target is revoked twice, in memory and in the store", async () => {
    const list = await listOn(store);
    await list.revoke(record("identity", ALICE, NOW_MS - 1000));
    await list.revoke(record("identity", ALICE, NOW_MS - 8000));
    const subject = { identityId: ALICE, issuedAtMs: NOW_MS - 3000 };
    expect(list.revokedBefore(subject)).toBe(NOW_MS - 1000);
    expect((await listOn(store)).revokedBefore(subject)).toBe(NOW_MS - 1000);
    expect(await store.revocations.listSince(0)).toEqual([record("identity", ALICE, NOW_MS - 1000)]);
  });

  it("revokes a subject without an issue time by any revocation that covers it", async () => {
    const list = await listOn(store);
    await list.revoke(record("pool", POOL, NOW_MS - 86_000_000));
    expect(list.revokedBefore({ identityId: ALICE, poolId: POOL, issuedAtMs: undefined })).toBe(NOW_MS - 86_000_000);
    expect(list.revokedBefore({ identityId: ALICE, poolId: OTHER_POOL, issuedAtMs: undefined })).toBeUndefined();
  });

  it("does not load revocations older than anything idpool issues lives (24 hours)", async () => {
    await store.revocations.put(record("identity", ALICE, NOW_MS - 86_400_001));
    await store.revocations.put(record("identity", BOB, NOW_MS - 86_399_000));
    const list = await listOn(store);
    expect(list.revokedBefore({ identityId: ALICE, issuedAtMs: undefined })).toBeUndefined();
    expect(list.revokedBefore({ identityId: BOB, issuedAtMs: undefined })).toBe(NOW_MS - 86_399_000);
  });

  it("lets another list on the same store see a revocation after its next re-read", async () => {
    const writer = await listOn(store, undefined, 60_000);
    const reader = await listOn(store, undefined, 10);
    const subject = { identityId: ALICE, poolId: POOL, issuedAtMs: NOW_MS - 2000 };
    await writer.revoke(record("identity", ALICE, NOW_MS - 1000));
    // The writer applies it at once; the reader has not re-read yet.
    expect(writer.revokedBefore(subject)).toBe(NOW_MS - 1000);
    expect(reader.revokedBefore(subject)).toBeUndefined();
    await vi.waitFor(() => expect(reader.revokedBefore(subject)).toBe(NOW_MS - 1000), { timeout: 2000, interval: 5 });
  });

  it("keeps the list it has when a re-read fails, and logs once per failing spell", async () => {
    await store.revocations.put(record("pool", POOL, NOW_MS - 1000));
    let failure: Error | undefined;
    let reads = 0;
    const failing = storeWithListSince(store, async (afterMs) => {
      reads += 1;
      if (failure) throw failure;
      return store.revocations.listSince(afterMs);
    });
    const warn = vi.fn();
    const list = await listOn(failing, { warn }, 5);
    const subject = { identityId: ALICE, poolId: POOL, issuedAtMs: NOW_MS - 2000 };
    expect(list.revokedBefore(subject)).toBe(NOW_MS - 1000);

    failure = new Error("database is locked");
    const readsAtFailure = reads;
    await vi.waitFor(() => expect(reads).toBeGreaterThanOrEqual(readsAtFailure + 4), { timeout: 2000, interval: 5 });
    expect(list.revokedBefore(subject)).toBe(NOW_MS - 1000);
    expect(warn.mock.calls).toEqual([
      [{ err: failure }, "revocations could not be re-read; the last list stays in force"],
    ]);

    // Once a re-read succeeds again, the next failure is news and is logged again.
    failure = undefined;
    await store.revocations.put(record("identity", BOB, NOW_MS - 500));
    await vi.waitFor(
      () => expect(list.revokedBefore({ identityId: BOB, issuedAtMs: NOW_MS - 600 })).toBe(NOW_MS - 500),
      {
        timeout: 2000,
        interval: 5,
      },
    );
    const second = new Error("connection reset");
    failure = second;
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(2), { timeout: 2000, interval: 5 });
    expect(warn.mock.calls[1]).toEqual([
      { err: second },
      "revocations could not be re-read; the last list stays in force",
    ]);
  });
});
