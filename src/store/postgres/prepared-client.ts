import pg from "pg";

/**
 * Most statements PostgreSQL parses and plans per call cost it more CPU than running them: the
 * hot identity lookup executes in ~13 µs but costs the backend several times that in parse and
 * plan. Naming a statement makes pg send Parse once per connection and only Bind/Execute after.
 * The queries come from Kysely, whose texts have a fixed shape per call site, so the set of
 * distinct texts is small; past MAX_NAMED_STATEMENTS (a query built from a variable-length list),
 * statements go unnamed rather than pile up in every backend's memory.
 */
export const MAX_NAMED_STATEMENTS = 256;

/** Data statements only: transaction control and DDL stay unnamed (one-shot, or change plans). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

const names = new Map<string, string>();

/** The process-wide name of a statement text, or undefined when it should not be prepared. */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined) return known;
  if (names.size >= MAX_NAMED_STATEMENTS || !PREPARABLE.test(text)) return undefined;
  // Names are per process and a text keeps its name for the life of the process, so no
  // connection ever sees one name for two texts.
  const name = `idpool_${names.size}`;
  names.set(text, name);
  return name;
}

/**
 * pg's Client with named statements for `query(text, values)`, the form Kysely's PostgresDialect
 * uses; every other form passes through. Given to pg.Pool through its `Client` option.
 */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded; this forwards every form.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === "string" && Array.isArray(values)) {
      const name = statementName(config);
      if (name !== undefined) return super.query({ name, text: config, values }, callback);
    }
    return super.query(config, values, callback);
  }
}
