import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * A hot query built and compiled once per database handle, then run with each call's values:
 * Kysely builds a query as an immutable tree and compiles it on every call (freeze, visitNode,
 * expression builders: about 4 % of GetId's CPU in the profiles), while the SQL of these reads
 * never changes, only their parameters. `build` is called with placeholder values, which must come
 * back as the compiled query's parameters in the same order; that is checked on the first compile,
 * so a query whose SQL would depend on its values throws at once instead of running wrong.
 */
export function compiledOnce<R>(
  build: (db: Kysely<Database>, placeholders: readonly string[]) => Compilable<R>,
): (db: Kysely<Database>, values: readonly unknown[]) => Promise<readonly R[]> {
  const compiled = new WeakMap<Kysely<Database>, Map<number, CompiledQuery<R>>>();
  return async (db, values) => {
    let byArity = compiled.get(db);
    if (!byArity) {
      byArity = new Map();
      compiled.set(db, byArity);
    }
    let query = byArity.get(values.length);
    if (!query) {
      const placeholders = values.map((_, i) => `\u0000placeholder-${i}`);
      query = build(db, placeholders).compile();
      if (query.parameters.length !== placeholders.length || query.parameters.some((p, i) => p !== placeholders[i])) {
        throw new Error(`compiledOnce: the query's parameters are not its placeholders, in order: ${query.sql}`);
      }
      byArity.set(values.length, query);
    }
    // A query id of its own per run, as Kysely gives each built query (plugins key their state on it).
    const result = await db.executeQuery<R>({ ...query, parameters: values, queryId: createQueryId() });
    return result.rows;
  };
}
