import type { Clock, IdSource } from "../shared/index.js";
import type { Store } from "../store/index.js";
import { newSigningKeyRecord } from "./signing-keys.js";

/** Makes a new signing key that takes over signing at once; returns its kid. */
export async function rotateSigningKey(store: Store, region: string, clock: Clock, ids: IdSource): Promise<string> {
  const record = await newSigningKeyRecord(region, clock, ids);
  await store.signingKeys.rotate(record);
  return record.kid;
}

/** Creates the first signing key when the store has none. */
export async function ensureSigningKey(store: Store, region: string, clock: Clock, ids: IdSource): Promise<void> {
  const published = await store.signingKeys.listPublished(clock.nowMs());
  if (published.some((k) => k.supersededAtMs === undefined)) return;
  await rotateSigningKey(store, region, clock, ids);
}
