import { afterEach, describe, expect, inject, it } from "vitest";
import { openPostgresStore, type Store } from "../../src/store/index.js";
import { freshDatabase } from "../support/postgres.js";
import { pool } from "./records.js";

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
});
