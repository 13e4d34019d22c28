import { XMLParser } from "fast-xml-parser";

/**
 * AWS Query for the IAM calls of a remote apply: the input flattened into a form (lists as
 * `Name.member.N`, an empty list as `Name=`, structures as `Name.Member`), and the XML answer read
 * back into the JSON form the in-process caller gives (a `member` list becomes an array).
 */
export function queryForm(action: string, input: Record<string, unknown>): string {
  const form = new URLSearchParams({ Action: action, Version: "2010-05-08" });
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      if (value.length === 0) form.append(key, "");
      value.forEach((item: unknown, i) => {
        add(`${key}.member.${i + 1}`, item);
      });
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) add(`${key}.${k}`, v);
    } else form.append(key, String(value));
  };
  for (const [k, v] of Object.entries(input)) add(k, v);
  return form.toString();
}

// Values are kept as text, untrimmed: a tag value may begin with a space.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === "member",
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "member") return normalise(value.member);
  return Object.fromEntries(keys.map((k) => [k, normalise(value[k])]));
}

export type QueryAnswer =
  | { readonly ok: true; readonly result: Record<string, unknown> }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** `<ActionResponse><ActionResult>…</ActionResult>` or `<ErrorResponse><Error><Code>…`. */
export function readQueryAnswer(action: string, xml: string): QueryAnswer {
  const doc: unknown = parser.parse(xml);
  const root = isRecord(doc) ? doc : {};
  const errorResponse = root.ErrorResponse;
  if (isRecord(errorResponse)) {
    const error = isRecord(errorResponse.Error) ? errorResponse.Error : {};
    return { ok: false, code: String(error.Code ?? "UnknownError"), message: String(error.Message ?? "") };
  }
  const response = root[`${action}Response`];
  const result = isRecord(response) ? normalise(response[`${action}Result`]) : undefined;
  return { ok: true, result: isRecord(result) ? result : {} };
}
