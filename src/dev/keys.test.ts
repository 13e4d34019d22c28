import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { countingIds, memoryStore } from "../../test/support/unit.js";
import { cryptoIds, systemClock } from "../shared/index.js";
import { openSqliteStore, type Store } from "../store/index.js";
import { DevInputError } from "./input-error.js";
import { generationKey, rotateTestProviderKey } from "./key-log.js";
import { KEY_REFRESH_MS } from "./key-ring.js";
import { harness, parts, publishedJwks, publishedKids, verifyAgainstJwks } from "./test-support.js";

/** kids: `<name>-<generation>-` and 6 bytes from `ids.bytes` (countingIds fills the n-th call with n). */
const FIRST = "dev-1-AQEBAQEB";
const SECOND = "dev-2-AgICAgIC";
const THIRD = "dev-3-AwMDAwMD";

const opened: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function tracked(store: Store | Promise<Store>): Promise<Store> {
  const s = await store;
  opened.push(s);
  return s;
}

describe("test provider keys", () => {
  it("start writes generation 1 to the store and the JWKS publishes it alone", async () => {
    const h = await harness(undefined, await tracked(memoryStore()));
    const stored = JSON.parse((await h.store.settings.get(generationKey("dev", 1))) ?? "{}") as Record<string, unknown>;
    expect(stored.kid).toBe(FIRST);
    expect(await h.store.settings.get(generationKey("dev", 2))).toBeUndefined();
    expect(await publishedKids(h.providers)).toEqual([FIRST]);
  });

  it("the JWKS publishes only public members", async () => {
    const h = await harness(undefined, await tracked(memoryStore()));
    const response = await h.providers.handle({
      method: "GET",
      path: "/dev/idp/dev/jwks",
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.alloc(0),
    });
    const [key] = (JSON.parse(String(response?.body)) as { keys: Record<string, unknown>[] }).keys;
    expect(Object.keys(key ?? {}).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
  });

  it("rotation signs with the new kid and keeps the previous one published, so older tokens still verify", async () => {
    const h = await harness(undefined, await tracked(memoryStore()));
    const before = await h.providers.mint("dev", { sub: "alice" });
    const newKid = await h.providers.rotateKey("dev");
    expect(newKid).toBe(SECOND);
    expect(await publishedKids(h.providers)).toEqual([SECOND, FIRST]);
    const after = await h.providers.mint("dev", { sub: "alice" });
    expect(parts(after).header.kid).toBe(newKid);
    expect((await verifyAgainstJwks(h, before)).protectedHeader.kid).toBe(FIRST);
    expect((await verifyAgainstJwks(h, after)).protectedHeader.kid).toBe(newKid);
  });

  it("a second rotation retires the oldest key", async () => {
    const h = await harness(undefined, await tracked(memoryStore()));
    const first = await h.providers.mint("dev", { sub: "alice" });
    await h.providers.rotateKey("dev");
    await h.providers.rotateKey("dev");
    expect(await publishedKids(h.providers)).toEqual([THIRD, SECOND]);
    await expect(verifyAgainstJwks(h, first)).rejects.toMatchObject({ code: "ERR_JWKS_NO_MATCHING_KEY" });
  });

  it("keys survive a new TestProviders over the same database file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "idpool-dev-keys-"));
    dirs.push(dir);
    const first = await tracked(openSqliteStore(dir));
    await first.migrate();
    const h1 = await harness(undefined, first);
    const token = await h1.providers.mint("dev", { sub: "alice" });
    const kids = await publishedKids(h1.providers);
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    const second = await tracked(openSqliteStore(dir));
    await second.migrate();
    const h2 = await harness(undefined, second);
    expect(await publishedKids(h2.providers)).toEqual(kids);
    expect((await verifyAgainstJwks(h2, token)).payload.sub).toBe("alice");
  });

  it("two processes starting over one store agree on one key (first writer wins)", async () => {
    const store = await tracked(memoryStore());
    const [a, b] = await Promise.all([harness(undefined, store), harness(undefined, store)]);
    // Same kid either way (counting ids): the modulus shows both serve the one stored key.
    expect(await publishedJwks(a.providers)).toEqual(await publishedJwks(b.providers));
    expect(await store.settings.get(generationKey("dev", 2))).toBeUndefined();
  });

  it("a rotation by rotateTestProviderKey (the CLI) reaches a running server within the refresh interval", async () => {
    const h = await harness(undefined, await tracked(memoryStore()));
    const kid = await rotateTestProviderKey(h.store, h.clock, countingIds(), "dev");
    expect(kid).toBe("dev-2-AQEBAQEB");
    // Within the interval the server still answers from memory ...
    expect(await publishedKids(h.providers)).toEqual([FIRST]);
    h.clock.advanceMs(KEY_REFRESH_MS);
    // ... then it publishes both and signs with the new key.
    expect(await publishedKids(h.providers)).toEqual([kid, FIRST]);
    expect(parts(await h.providers.mint("dev", { sub: "alice" })).header.kid).toBe(kid);
  });

  it("rotateTestProviderKey starts a provider's log when it has none, and refuses a name that is not one", async () => {
    const store = await tracked(memoryStore());
    const clock = (await harness(undefined, store)).clock;
    expect(await rotateTestProviderKey(store, clock, countingIds(), "other")).toBe("other-1-AQEBAQEB");
    const error = await rotateTestProviderKey(store, clock, countingIds(), "a/b").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevInputError);
    expect((error as DevInputError).member).toBe("name");
  });

  it("kids do not repeat across stores when uuids do (idpool dev --seed repeats uuids, not keys)", async () => {
    const seededLike = { uuid: () => "00000000-0000-4000-8000-000000000001", bytes: cryptoIds.bytes };
    const kids = await Promise.all(
      [0, 1].map(async () => rotateTestProviderKey(await tracked(memoryStore()), systemClock, seededLike, "dev")),
    );
    expect(kids[0]).toMatch(/^dev-1-[A-Za-z0-9_-]{8}$/);
    expect(kids[0]).not.toBe(kids[1]);
  });

  it("a corrupt key record is an error at start, not a silent new key", async () => {
    const store = await tracked(memoryStore());
    await store.settings.putIfAbsent(generationKey("dev", 1), "{not json");
    await expect(harness(undefined, store)).rejects.toThrow("setting dev-idp:dev:key:1 is not JSON");
  });
});
