/**
 * Reading answers of either ApiCaller: JSON from Cognito Identity, and IAM's XML read as text
 * (numbers and booleans as strings, an empty element as ""), so each accessor takes both forms.
 */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export const textOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;

export const numberOf = (value: unknown): number | undefined => {
  const n = typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

export const flagOf = (value: unknown): boolean => value === true || value === "true";

export const listOfAnswer = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

export const textsOf = (value: unknown): string[] =>
  listOfAnswer(value).flatMap((v) => (typeof v === "string" ? [v] : []));

export const recordOfAnswer = (value: unknown): Readonly<Record<string, unknown>> => (isRecord(value) ? value : {});

export const textRecordOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(recordOfAnswer(value)).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );

/** IAM `Tags` (`[{Key, Value}]`) as a map. */
export const iamTagsOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    listOfAnswer(value).flatMap((t) => {
      const key = isRecord(t) ? textOf(t.Key) : undefined;
      return isRecord(t) && key !== undefined ? [[key, textOf(t.Value) ?? ""]] : [];
    }),
  );

/** A map as IAM takes tags: `[{Key, Value}]`, in the map's order. */
export const iamTags = (tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
