import { iamTags } from "./answer.js";
import type { FilePath } from "./field-path.js";
import type { Call } from "./located-call.js";

export type Outcome = "created" | "updated" | "unchanged";

/** Tags to remove (keys no longer wanted) and to set (new keys and changed values). */
export function tagChanges(
  desired: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
): { readonly untag: string[]; readonly tag: Record<string, string> } {
  return {
    untag: Object.keys(current).filter((k) => !Object.hasOwn(desired, k)),
    tag: Object.fromEntries(Object.entries(desired).filter(([k, v]) => current[k] !== v)),
  };
}

/**
 * IAM's Untag/Tag pair for one resource (`nameMember` names it). Untag runs first: IAM tag keys
 * compare without regard to case, so `Env` replacing `env` is an untag of `env` and a tag of `Env`.
 */
export async function convergeIamTags(
  call: Call,
  operations: { readonly untag: string; readonly tag: string },
  resource: Readonly<Record<string, string>>,
  desired: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
  tagsAt: FilePath,
): Promise<boolean> {
  const { untag, tag } = tagChanges(desired, current);
  if (untag.length > 0) await call("iam", operations.untag, { ...resource, TagKeys: untag }, { at: tagsAt });
  if (Object.keys(tag).length > 0) {
    const keys = Object.keys(tag);
    await call(
      "iam",
      operations.tag,
      { ...resource, Tags: iamTags(tag) },
      { at: tagsAt, members: { Tags: { tags: tagsAt, keys } } },
    );
  }
  return untag.length > 0 || Object.keys(tag).length > 0;
}
