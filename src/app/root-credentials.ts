import type { RootCredentialsSetting } from "../config/index.js";
import { base32Chars, type IdSource, secretAccessKey } from "../shared/index.js";
import type { Store } from "../store/index.js";

const SETTING_KEY = "root-credentials";

export interface RootCredentials extends RootCredentialsSetting {
  /** True when this start generated them (the caller prints them once). */
  readonly generated: boolean;
}

/** The root credentials `serve` uses, without making any: undefined when none are set or stored yet. */
export async function readRootCredentials(
  store: Store,
  fromEnv: RootCredentialsSetting | undefined,
): Promise<RootCredentialsSetting | undefined> {
  if (fromEnv) return fromEnv;
  const existing = await store.settings.get(SETTING_KEY);
  return existing ? (JSON.parse(existing) as RootCredentialsSetting) : undefined;
}

/**
 * Root credentials come from the environment, or are generated on first start and kept in the
 * store so every process sharing it agrees (CONTRACT.md). First writer wins under concurrency.
 */
export async function resolveRootCredentials(
  store: Store,
  fromEnv: RootCredentialsSetting | undefined,
  ids: IdSource,
): Promise<RootCredentials> {
  const existing = await readRootCredentials(store, fromEnv);
  if (existing) return { ...existing, generated: false };
  const candidate: RootCredentialsSetting = {
    accessKeyId: `AKIA${base32Chars(ids, 16)}`,
    secretAccessKey: secretAccessKey(ids),
  };
  const stored = await store.settings.putIfAbsent(SETTING_KEY, JSON.stringify(candidate));
  const winner = JSON.parse(stored) as RootCredentialsSetting;
  return { ...winner, generated: winner.accessKeyId === candidate.accessKeyId };
}
