import { type Kysely, sql } from "kysely";
import type { LoginRecord } from "../records.js";
import {
  groupIdentitiesWithLogins,
  type IdentityWithLogins,
  identitiesWithLoginsQuery,
  loginFromRow,
} from "../sql/identity-rows.js";
import type { Database } from "../sql/schema.js";
import type { LoginKey, Store } from "../store.js";
import { ReadBatcher } from "./read-batcher.js";

interface LoginsAsked {
  readonly poolId: string;
  readonly logins: readonly LoginKey[];
}

/** NUL cannot occur in a PostgreSQL text value (asks holding one are not batched, see below). */
const hasNul = (ask: LoginsAsked) =>
  ask.poolId.includes("\u0000") ||
  ask.logins.some((l) => l.provider.includes("\u0000") || l.subject.includes("\u0000"));
const keyOf = (poolId: string, provider: string, subject: string) => `${poolId}\u0000${provider}\u0000${subject}`;

/**
 * The hot paths' reads outside transactions share round trips under load (ReadBatcher): an
 * identity with its logins (GetCredentialsForIdentity, GetOpenIdToken) and the owners of logins
 * (GetId). Each batch is one query whose text does not depend on how many keys it carries
 * (`= any($1)`, `unnest($1, $2, $3)`), so it stays one prepared statement. Each caller gets what
 * its own read would have returned: the query starts after the read was asked for, so it sees
 * every write committed before. Reads inside transactions are not batched; they belong to their
 * transaction's snapshot.
 */
export function withBatchedReads(store: Store, db: Kysely<Database>, maxInFlight: number): Store {
  const identities = new ReadBatcher<string, IdentityWithLogins | undefined>(async (ids) => {
    const unique = [...new Set(ids)];
    const rows = await identitiesWithLoginsQuery(db)
      .where(sql<boolean>`${sql.ref("identities.identity_id")} = any(${unique})`)
      .execute();
    const found = groupIdentitiesWithLogins(rows);
    return ids.map((id) => found.get(id));
  }, maxInFlight);

  const logins = new ReadBatcher<LoginsAsked, readonly LoginRecord[]>(async (asks) => {
    const wanted = new Map<string, LoginKey & { poolId: string }>();
    for (const ask of asks) {
      for (const l of ask.logins) wanted.set(keyOf(ask.poolId, l.provider, l.subject), { ...l, poolId: ask.poolId });
    }
    const keys = [...wanted.values()];
    const { rows } = await sql<Database["logins"]>`
      select l.* from logins l
      join unnest(${keys.map((k) => k.poolId)}::text[], ${keys.map((k) => k.provider)}::text[],
                  ${keys.map((k) => k.subject)}::text[]) as k(pool_id, provider, subject)
        on l.pool_id = k.pool_id and l.provider = k.provider and l.subject = k.subject`.execute(db);
    const found = new Map(rows.map((r) => [keyOf(r.pool_id, r.provider, r.subject), loginFromRow(r)]));
    return asks.map((ask) => {
      const own = new Set(ask.logins.map((l) => keyOf(ask.poolId, l.provider, l.subject)));
      return [...own].flatMap((k) => found.get(k) ?? []);
    });
  }, maxInFlight);

  return {
    ...store,
    identities: { ...store.identities, getWithLogins: (identityId) => identities.read(identityId) },
    logins: {
      ...store.logins,
      findByLogins: async (poolId, asked) => {
        if (asked.length === 0) return [];
        // PostgreSQL refuses such a value: that must fail this request alone, not its batch.
        if (hasNul({ poolId, logins: asked })) return store.logins.findByLogins(poolId, asked);
        return logins.read({ poolId, logins: asked });
      },
    },
  };
}
