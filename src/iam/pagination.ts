import { serviceError } from "../errors/index.js";
import { base64urlDecode, base64urlEncode } from "../shared/index.js";
import type { PageInput } from "./shapes.js";

/**
 * IAM list paging: `MaxItems` (default 100) and an opaque `Marker`, answered with `IsTruncated`
 * and the next `Marker` (https://docs.aws.amazon.com/IAM/latest/APIReference/Welcome.html#pagination).
 * The marker holds the sort key of the last item returned, so deleting items between pages skips
 * nothing; lists without a short unique key (tags, whose keys may exceed the marker's 320
 * characters once encoded) page by position instead.
 */
export const DEFAULT_MAX_ITEMS = 100;

export interface PageOutput<T> {
  readonly items: T[];
  readonly IsTruncated: boolean;
  readonly Marker: string | undefined;
}

type Position = { readonly after: string } | { readonly offset: number };

function decodeMarker(marker: string): Position {
  try {
    const parsed: unknown = JSON.parse(base64urlDecode(marker).toString("utf8"));
    if (parsed !== null && typeof parsed === "object") {
      if ("after" in parsed && typeof parsed.after === "string") return { after: parsed.after };
      if ("offset" in parsed && typeof parsed.offset === "number" && Number.isInteger(parsed.offset)) {
        return { offset: parsed.offset };
      }
    }
  } catch {
    // Fall through to the InvalidInput below.
  }
  throw serviceError("InvalidInput", "Marker is not valid: pass the Marker of the previous response unchanged.");
}

/**
 * One page of `items`, which must be sorted by `sortKey` (ordinal string order) when it is given,
 * else taken in their order and paged by position.
 */
export function paginate<T>(items: readonly T[], input: PageInput, sortKey?: (item: T) => string): PageOutput<T> {
  const maxItems = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  let start = 0;
  if (input.Marker !== undefined) {
    const position = decodeMarker(input.Marker);
    if ("offset" in position) start = position.offset;
    else if (sortKey) {
      const index = items.findIndex((item) => sortKey(item) > position.after);
      start = index === -1 ? items.length : index;
    } else {
      throw serviceError("InvalidInput", "Marker is not valid: pass the Marker of the previous response unchanged.");
    }
  }
  const page = items.slice(start, start + maxItems);
  const truncated = start + maxItems < items.length;
  const last = page[page.length - 1];
  let marker: string | undefined;
  if (truncated && last !== undefined) {
    const position: Position = sortKey ? { after: sortKey(last) } : { offset: start + maxItems };
    marker = base64urlEncode(JSON.stringify(position));
  }
  return { items: page, IsTruncated: truncated, Marker: marker };
}
