import { type Kysely, sql } from "kysely";
import {
  groupIdentitiesWithLogins,
  type IdentityWithLogins,
  identitiesWithLoginsQuery,
} from "../sql/identity-repositories.js";
import type { Database } from "../sql/schema.js";
import type { Store } from "../store.js";
import { ReadBatcher } from "./read-batcher.js";

/**
 * The hot path's read outside transactions, an identity with its logins (GetCredentialsForIdentity
 * and GetOpenIdToken), shares round trips under load (ReadBatcher): one query,
 * `identity_id = any($1)`, whose text does not depend on how many ids it carries (one prepared
 * statement). Each caller gets what its own read would have returned: the query starts after the
 * read was asked for, so it sees every write committed before. Reads inside transactions are not
 * batched; they belong to their transaction's snapshot.
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
  return {
    ...store,
    identities: { ...store.identities, getWithLogins: (identityId) => identities.read(identityId) },
  };
}
