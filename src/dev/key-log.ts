import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { Clock, IdSource } from "../shared/index.js";
import type { Store } from "../store/index.js";
import { DevInputError } from "./input-error.js";
import { providerNameProblem } from "./spec.js";

/**
 * A test provider's signing keys live in the store's settings as a generation log:
 * `dev-idp:<name>:key:1`, `:2`, … Settings only offer get and putIfAbsent (first writer wins), so
 * the log is append-only and gap-free: each key is written at one past the highest generation
 * present, the current key is the highest, and a rotation is a putIfAbsent of the next one. Two
 * processes creating or rotating at once both end up with the one key that won.
 *
 * The private key is kept as a JWK in plain text: these keys sign test tokens for a development
 * server and protect nothing real.
 */
export interface KeyRecord {
  readonly generation: number;
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly createdAtMs: number;
}

export function generationKey(name: string, generation: number): string {
  return `dev-idp:${name}:key:${generation}`;
}

/** A stored record, checked: a record that does not parse is a corrupt store and throws. */
function parseRecord(name: string, generation: number, text: string): KeyRecord {
  const where = generationKey(name, generation);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`setting ${where} is not JSON`);
  }
  if (typeof value !== "object" || value === null) throw new Error(`setting ${where} is not a JSON object`);
  const { kid, privateJwk, createdAtMs } = value as Record<string, unknown>;
  if (typeof kid !== "string" || typeof createdAtMs !== "number") throw new Error(`setting ${where} lacks kid`);
  if (typeof privateJwk !== "object" || privateJwk === null || (privateJwk as JWK).kty !== "RSA") {
    throw new Error(`setting ${where} holds no RSA private JWK`);
  }
  return { generation, kid, privateJwk: privateJwk as JWK, createdAtMs };
}

export async function readGeneration(store: Store, name: string, generation: number): Promise<KeyRecord | undefined> {
  const text = await store.settings.get(generationKey(name, generation));
  return text === undefined ? undefined : parseRecord(name, generation, text);
}

/** The highest generation present, searching upwards from `known` (a generation known to exist, or 0). */
export async function highestGeneration(store: Store, name: string, known: number): Promise<number> {
  let highest = known;
  while ((await store.settings.get(generationKey(name, highest + 1))) !== undefined) highest++;
  return highest;
}

/**
 * Writes a new RS256 key as generation `generation` unless another writer got there first; returns
 * what the store holds at that generation (ours or the winner's).
 */
export async function writeGeneration(
  store: Store,
  clock: Clock,
  ids: IdSource,
  name: string,
  generation: number,
): Promise<KeyRecord> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  // The generation makes `rotate-idp-key` output and token headers easy to match up. The rest is
  // random bytes, not `ids.uuid()`: under `idpool dev --seed` uuids repeat from run to run while
  // the key does not, and a client that cached the last run's JWKS would then meet a new key under
  // a kid it knows, and fail the signature instead of fetching the JWKS again.
  const kid = `${name}-${generation}-${ids.bytes(6).toString("base64url")}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256" };
  const candidate = JSON.stringify({ kid, privateJwk, createdAtMs: clock.nowMs() });
  const stored = await store.settings.putIfAbsent(generationKey(name, generation), candidate);
  return parseRecord(name, generation, stored);
}

/**
 * `idpool dev rotate-idp-key [name]`, against the store directly: appends the next generation. A
 * running dev server re-reads the log within seconds (key-ring.ts) and then signs with the new key
 * while still publishing the previous one. When another rotation wins the same generation, that
 * key is the rotation and its kid is returned.
 */
export async function rotateTestProviderKey(store: Store, clock: Clock, ids: IdSource, name: string): Promise<string> {
  const problem = providerNameProblem(name);
  if (problem) throw new DevInputError("name", problem);
  const highest = await highestGeneration(store, name, 0);
  return (await writeGeneration(store, clock, ids, name, highest + 1)).kid;
}
