import { ERROR_SPECS } from "../../errors/index.js";

/** The one value every label falls back to for a value it may not take. */
export const OTHER = "other";

/**
 * Every outcome a request may have: `ok`, or an error's wire name in either protocol (JSON
 * `__type`, Query `Code`). Anything else (an error made outside the catalogue) counts as `other`.
 */
export const OUTCOMES: ReadonlySet<string> = new Set([
  "ok",
  ...Object.values(ERROR_SPECS).flatMap((spec): string[] =>
    "queryCode" in spec ? [spec.code, spec.queryCode] : [spec.code],
  ),
]);

/** Reasons and results are words of idpool's own vocabulary (`audience_mismatch`, `jwks_unreachable`). */
export const isWord = (value: string): boolean => /^[a-z][a-z0-9_]{0,63}$/.test(value);

/**
 * A metric's children by one label's value, each made once, so that counting an event is a Map
 * lookup instead of building a label object. At most `max` values get a child of their own, and
 * only those `allowed`; the rest share the `other` child, so no label grows without bound
 * (Prometheus, "Instrumentation": use labels with a small, bounded set of values).
 */
export class Children<C> {
  private readonly byValue = new Map<string, C>();
  private otherChild: C | undefined;

  constructor(
    private readonly make: (value: string) => C,
    private readonly max: number,
    private readonly allowed: (value: string) => boolean = () => true,
  ) {}

  of(value: string): C {
    const found = this.byValue.get(value);
    if (found !== undefined) return found;
    if (value === OTHER || this.byValue.size >= this.max || !this.allowed(value)) return this.other();
    const child = this.make(value);
    this.byValue.set(value, child);
    return child;
  }

  /** The child of a value that already has one (it was allowed once), without any check. */
  existing(value: string): C | undefined {
    return this.byValue.get(value);
  }

  private other(): C {
    this.otherChild ??= this.make(OTHER);
    return this.otherChild;
  }
}
