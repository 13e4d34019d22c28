/**
 * The builders moved to test/support/records.ts; this re-export stays only until the tests under
 * src/identity import them from test/support/unit.ts. Delete it then.
 */
export { pool, provider, role } from "../support/records.js";
