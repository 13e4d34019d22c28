import { serviceError } from "../errors/index.js";
import type { Tag } from "../store/index.js";
import type { WireTag } from "./shapes.js";

/**
 * IAM tag rules (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html): at most 50 per
 * resource; keys are unique without regard to case, so `Env` replaces `env`; keys beginning with
 * `aws:` are reserved; lists come back sorted by key.
 */
export const MAX_TAGS_PER_RESOURCE = 50;

const keyOf = (key: string): string => key.toLowerCase();

export function sortTags(tags: readonly Tag[]): Tag[] {
  return [...tags].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Tags of one request: no key twice, no reserved prefix. */
export function tagsFromWire(wire: readonly WireTag[] | undefined): Tag[] {
  const seen = new Set<string>();
  const out: Tag[] = [];
  for (const { Key, Value } of wire ?? []) {
    if (seen.has(keyOf(Key))) {
      throw serviceError("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    }
    if (keyOf(Key).startsWith("aws:")) {
      throw serviceError(
        "InvalidInput",
        `Tag key ${Key} is not valid: keys beginning with aws: are reserved for AWS use.`,
      );
    }
    seen.add(keyOf(Key));
    out.push({ key: Key, value: Value });
  }
  return sortTags(out);
}

/** Adds or overwrites; `quotaName` names the quota in the LimitExceeded message. */
export function mergeTags(current: readonly Tag[], added: readonly Tag[], quotaName: string): Tag[] {
  const byKey = new Map(current.map((t) => [keyOf(t.key), t]));
  for (const tag of added) byKey.set(keyOf(tag.key), tag);
  if (byKey.size > MAX_TAGS_PER_RESOURCE) {
    throw serviceError("IamLimitExceeded", `Cannot exceed quota for ${quotaName}: ${MAX_TAGS_PER_RESOURCE}`);
  }
  return sortTags([...byKey.values()]);
}

/** Removing a key that is not there is not an error, as in IAM. */
export function removeTags(current: readonly Tag[], keys: readonly string[]): Tag[] {
  const gone = new Set(keys.map(keyOf));
  return current.filter((t) => !gone.has(keyOf(t.key)));
}

export function tagsToWire(tags: readonly Tag[]): WireTag[] {
  return tags.map((t) => ({ Key: t.key, Value: t.value }));
}

/** Tags as an output member: absent when there are none, as IAM omits the element. */
export function optionalTags(tags: readonly Tag[]): WireTag[] | undefined {
  return tags.length > 0 ? tagsToWire(tags) : undefined;
}
