import { assert, expect } from "vitest";
import { type ErrorKind, isServiceError, type ServiceError, serviceError } from "../../src/errors/index.js";
import { type Operation, type RequestContext, validateInput } from "../../src/protocol/index.js";
import { type EventSink, type IdSource, type Logger, ManualClock, NO_EVENTS } from "../../src/shared/index.js";
import { openSqliteStore, type Store } from "../../src/store/index.js";
import { TEST_ACCOUNT, TEST_NOW_MS } from "./records.js";

/**
 * The helpers unit tests share: deterministic time and ids (DESIGN.md, "Tests"), an in-memory store,
 * operations called the way dispatch calls them, and failures asserted by catalogue error.
 */
export {
  policy,
  pool,
  provider,
  role,
  seedOidcProvider,
  seedRole,
  TEST_ACCOUNT,
  TEST_NOW_MS,
} from "./records.js";

export const TEST_REGION = "us-east-1";

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Ids `00000000-0000-4000-8000-00000000000N`, counting up; the n-th `bytes` call fills with n (mod 256). */
export function countingIds(): IdSource {
  let uuids = 0;
  let byteCalls = 0;
  return {
    uuid: () => `00000000-0000-4000-8000-${(++uuids).toString(16).padStart(12, "0")}`,
    bytes: (length) => Buffer.alloc(length, ++byteCalls % 256),
  };
}

/** A clock standing at `startMs` until the test sets or advances it. */
export function fixedClock(startMs = TEST_NOW_MS): ManualClock {
  return new ManualClock(startMs);
}

/** A migrated SQLite store in memory; the test closes it. */
export async function memoryStore(): Promise<Store> {
  const store = openSqliteStore(":memory:");
  await store.migrate();
  return store;
}

/** Everything IAM's and Cognito Identity's operations take, over `memoryStore()`. */
export interface UnitDeps {
  readonly store: Store;
  readonly clock: ManualClock;
  readonly ids: IdSource;
  readonly accountId: string;
  readonly region: string;
  readonly allowHttpProviders: false;
  readonly events: EventSink;
}

export async function memoryDeps(): Promise<UnitDeps> {
  return {
    store: await memoryStore(),
    clock: fixedClock(),
    ids: countingIds(),
    accountId: TEST_ACCOUNT,
    region: TEST_REGION,
    allowHttpProviders: false,
    events: NO_EVENTS,
  };
}

/** Runs an operation the way dispatch does after authentication: validate the input, then handle. */
export async function callOperation(
  op: Operation,
  input: unknown,
  ctx: Partial<RequestContext> = {},
): Promise<object | undefined> {
  return op.handle(validateInput(op.input, input), { requestId: "test-request", log: silentLogger, ...ctx });
}

/**
 * Expects `attempt` (a promise, or a function that throws or returns a rejected promise) to fail with
 * the catalogue error `kind`: its JSON code, Query code and both statuses must be that entry's. A
 * string `message` must equal the message, a RegExp must match it. Returns the error.
 */
export async function expectServiceError(
  attempt: Promise<unknown> | (() => unknown),
  kind: ErrorKind,
  message?: string | RegExp,
): Promise<ServiceError> {
  let error: unknown;
  let failed = false;
  try {
    await (typeof attempt === "function" ? attempt() : attempt);
  } catch (thrown) {
    failed = true;
    error = thrown;
  }
  if (!failed) assert.fail(`expected ${kind}, but nothing failed`);
  // Anything else is rethrown as it came, so its own stack shows what went wrong.
  if (!isServiceError(error)) throw error;
  expect(wireFields(error), `error ${error.code}: ${error.message}`).toEqual(wireFields(serviceError(kind, "")));
  if (typeof message === "string") expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

function wireFields(error: ServiceError): Record<string, string | number> {
  return { code: error.code, status: error.status, queryCode: error.queryCode, queryStatus: error.queryStatus };
}
