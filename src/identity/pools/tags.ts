import { serviceError } from "../../errors/index.js";

/** Tags per identity pool (reference §2.4 Tagging, §8). */
export const MAX_TAGS_PER_POOL = 50;

export function checkTagCount(tags: Readonly<Record<string, string>>): void {
  const count = Object.keys(tags).length;
  if (count > MAX_TAGS_PER_POOL) {
    throw serviceError(
      "InvalidParameter",
      `An identity pool can have at most ${MAX_TAGS_PER_POOL} tags; this request would leave it with ${count}.`,
    );
  }
}
