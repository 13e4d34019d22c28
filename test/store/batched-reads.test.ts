import { afterEach, describe, expect, inject, it } from "vitest";
import { openPostgresStore, type Store } from "../../src/store/index.js";
import { freshDatabase } from "../support/postgres.js";
import { pool } from "../support/records.js";

const server = inject("postgres");

const identity = (identityId: string, createdAtMs: number) => ({
  identityId,
  poolId: "us-east-1:pool",
  createdAtMs,
  modifiedAtMs: createdAtMs + 1,
  mergedInto: undefined,
  disabledAtMs: undefined,
});

describe.runIf(server.available)("PostgreSQL identity reads batched under load", () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it("answers concurrent reads, sent as one query, exactly as single reads", async () => {
    if (!server.available) return;
    store = openPostgresStore(await freshDatabase(server.url));
    await store.migrate();
    await store.pools.create(pool("us-east-1:pool"));
    await store.identities.create(identity("us-east-1:aaaa", 1_700_000_000_001));
    await store.identities.create(identity("us-east-1:bbbb", 1_700_000_000_002));
    await store.logins.insert(
      [
        { poolId: "us-east-1:pool", provider: "idp.example", subject: "alice", identityId: "us-east-1:aaaa" },
        {
          poolId: "us-east-1:pool",
          provider: "dev.example",
          subject: "a-1",
          identityId: "us-east-1:aaaa",
          developer: true,
        },
      ],
      1_700_000_000_005,
    );
    const alice = {
      identity: identity("us-east-1:aaaa", 1_700_000_000_001),
      logins: [
        {
          poolId: "us-east-1:pool",
          provider: "dev.example",
          subject: "a-1",
          identityId: "us-east-1:aaaa",
          developer: true,
        },
        { poolId: "us-east-1:pool", provider: "idp.example", subject: "alice", identityId: "us-east-1:aaaa" },
      ],
    };
    const guest = { identity: identity("us-east-1:bbbb", 1_700_000_000_002), logins: [] };
    // The first read goes alone; the four behind it share one `identity_id = any($1)` query.
    const ids = ["us-east-1:bbbb", "us-east-1:aaaa", "us-east-1:none", "us-east-1:bbbb", "us-east-1:aaaa"];
    const answers = await Promise.all(ids.map((id) => store?.identities.getWithLogins(id)));
    const sorted = answers.map((a) =>
      a ? { ...a, logins: [...a.logins].sort((x, y) => x.provider.localeCompare(y.provider)) } : a,
    );
    expect(sorted).toEqual([guest, alice, undefined, guest, alice]);
    expect(await store.transaction((tx) => tx.identities.getWithLogins("us-east-1:aaaa"))).toBeDefined();
  });

  it("finds the owners of logins for concurrent callers as single reads would, whatever the characters", async () => {
    if (!server.available) return;
    store = openPostgresStore(await freshDatabase(server.url));
    await store.migrate();
    for (const poolId of ["us-east-1:pool", "us-east-1:other"]) await store.pools.create(pool(poolId));
    await store.identities.create(identity("us-east-1:aaaa", 1_700_000_000_001));
    await store.identities.create({ ...identity("us-east-1:cccc", 1_700_000_000_003), poolId: "us-east-1:other" });
    const odd = 'a,b "quoted" {braced} back\\slash \u00e9';
    const rows = [
      { poolId: "us-east-1:pool", provider: "idp.example", subject: "alice", identityId: "us-east-1:aaaa" },
      { poolId: "us-east-1:pool", provider: "odd.example", subject: odd, identityId: "us-east-1:aaaa" },
      { poolId: "us-east-1:other", provider: "idp.example", subject: "alice", identityId: "us-east-1:cccc" },
    ];
    await store.logins.insert(rows.slice(0, 1), 1);
    await store.logins.insert(rows.slice(1, 2), 1);
    await store.logins.insert(rows.slice(2), 1);
    const [aliceHere, oddHere, aliceThere] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    const asks = [
      { poolId: "us-east-1:pool", logins: [{ provider: "idp.example", subject: "nobody" }] },
      { poolId: "us-east-1:pool", logins: [{ provider: "idp.example", subject: "alice" }] },
      { poolId: "us-east-1:other", logins: [{ provider: "idp.example", subject: "alice" }] },
      {
        poolId: "us-east-1:pool",
        logins: [
          { provider: "odd.example", subject: odd },
          { provider: "idp.example", subject: "alice" },
          { provider: "odd.example", subject: odd },
        ],
      },
      { poolId: "us-east-1:pool", logins: [] },
    ];
    // The first ask goes alone; the rest share one unnest() query.
    const answers = await Promise.all(asks.map((a) => store?.logins.findByLogins(a.poolId, a.logins)));
    const bySubject = (list: readonly { subject: string }[] | undefined) =>
      [...(list ?? [])].sort((x, y) => x.subject.localeCompare(y.subject));
    expect(answers.map(bySubject)).toEqual([[], [aliceHere], [aliceThere], bySubject([aliceHere, oddHere]), []]);

    // A NUL cannot be stored by PostgreSQL: the read that carries one fails alone, not its batch.
    const withNul = [
      store.logins.findByLogins("us-east-1:pool", [{ provider: "idp.example", subject: "x" }]),
      store.logins.findByLogins("us-east-1:pool", [{ provider: "idp.example", subject: "nul\u0000here" }]),
      store.logins.findByLogins("us-east-1:pool", [{ provider: "idp.example", subject: "alice" }]),
    ];
    const settled = await Promise.allSettled(withNul);
    expect(settled.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(settled[2]?.status === "fulfilled" && settled[2].value).toEqual([aliceHere]);
  });
});
