import { describeError, field, form, h, statusLine, textArea } from "../dom.js";
import { formatPairs, parsePairs } from "../text-formats.js";

/** How one IAM resource (a role, an OpenID Connect provider) is tagged and untagged. */
export interface IamTagging {
  tag(tags: { Key: string; Value: string }[]): Promise<unknown>;
  untag(keys: string[]): Promise<unknown>;
}

/**
 * The tags form of an IAM resource page: the tags as key=value lines; saving untags the keys gone
 * and tags the rest, as IAM's Tag/Untag operations take them. Errors show beside the field.
 */
export function iamTagsForm(
  name: string,
  current: readonly { readonly Key?: string | undefined; readonly Value?: string | undefined }[],
  tagging: IamTagging,
): HTMLElement {
  const tagsNow = Object.fromEntries(current.map((t) => [t.Key ?? "", t.Value ?? ""]));
  const tags = field("Tags", textArea(formatPairs(tagsNow), 3, { name }), "One a line: key=value");
  const status = statusLine();
  return form(
    async () => {
      tags.error(undefined);
      const pairs = parsePairs(tags.input.value);
      if (!pairs.ok) return tags.error(pairs.message);
      try {
        const removed = Object.keys(tagsNow).filter((k) => !(k in pairs.value));
        if (removed.length) await tagging.untag(removed);
        const entries = Object.entries(pairs.value);
        if (entries.length) await tagging.tag(entries.map(([Key, Value]) => ({ Key, Value })));
        status.ok("Tags saved.");
      } catch (error) {
        tags.error(describeError(error));
        status.fail(error);
      }
    },
    tags.row,
    h("button", { type: "submit" }, "Save tags"),
    status.el,
  );
}
