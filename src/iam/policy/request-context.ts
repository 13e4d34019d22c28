/**
 * The request context as the evaluators read it: condition keys lower-cased once per request, since
 * context key names are not case-sensitive, and neither is the tag-key part of keys such as
 * `aws:PrincipalTag/tag-key` ("aws:ResourceTag/TagKey1" matches a tag key named TagKey1 or tagkey1:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
 * A key with no values counts as absent.
 */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

export type RawContext = Readonly<Record<string, readonly string[]>>;

/** Contexts already normalised, so evaluating several policies for one request does it once. */
const normalised = new WeakMap<RawContext, RequestContext>();

export function requestContext(raw: RawContext): RequestContext {
  let context = normalised.get(raw);
  if (!context) {
    const map = new Map<string, readonly string[]>();
    for (const [key, values] of Object.entries(raw)) {
      if (values.length === 0) continue;
      const lower = key.toLowerCase();
      // Two spellings of one key in a hand-built context: keep every value rather than drop one.
      const existing = map.get(lower);
      map.set(lower, existing ? [...existing, ...values] : values);
    }
    context = map;
    normalised.set(raw, context);
  }
  return context;
}
