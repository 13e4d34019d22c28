import { serviceError } from "../errors/index.js";
import type { Credential, ParsedAuthorization } from "./authorization-header.js";
import { parseCredential } from "./authorization-header.js";
import { ALGORITHM } from "./string-to-sign.js";

/** What the query-string form of SigV4 carries instead of the Authorization header. */
export interface PresignedParameters extends ParsedAuthorization {
  readonly amzDate: string;
  readonly expiresSeconds: number;
  readonly sessionToken: string | undefined;
}

/** X-Amz-Expires bounds (AWS SigV4 docs, "Authenticating requests: query parameters"): up to 7 days. */
export const MAX_EXPIRES_SECONDS = 604_800;

const REQUIRED = [
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
] as const;

const AUTH_PARAMETERS = new Set<string>([...REQUIRED, "X-Amz-Security-Token"]);

const incomplete = (message: string): never => {
  throw serviceError("IncompleteSignature", message);
};

function decode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return incomplete("The query string is not valid percent-encoding.");
  }
}

/** The signature parameters of a query string, decoded; each may appear once. */
function signatureParameters(rawQuery: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of rawQuery.split("&")) {
    const eq = part.indexOf("=");
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    if (!AUTH_PARAMETERS.has(name)) continue;
    if (found.has(name)) incomplete(`The query string carries ${name} more than once.`);
    found.set(name, decode(eq < 0 ? "" : part.slice(eq + 1)));
  }
  return found;
}

/** Whether a query string carries the presigned form (any of its parameters). */
export function isPresigned(rawQuery: string): boolean {
  return rawQuery !== "" && signatureParameters(rawQuery).size > 0;
}

/**
 * Parses the presigned form: `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=<key>/<scope>&
 * X-Amz-Date=…&X-Amz-Expires=<s>&X-Amz-SignedHeaders=host;…&X-Amz-Signature=<hex>`, plus
 * X-Amz-Security-Token with temporary credentials (AWS SigV4 docs, "Authenticating requests: query
 * parameters"). Missing parameters are named together, as for the header form.
 */
export function parsePresigned(rawQuery: string): PresignedParameters {
  const values = signatureParameters(rawQuery);
  const missing = REQUIRED.filter((name) => !values.get(name));
  if (missing.length > 0) {
    incomplete(`AWS query-string parameters must include ${missing.map((n) => `'${n}'`).join(", ")}.`);
  }
  if (values.get("X-Amz-Algorithm") !== ALGORITHM) {
    incomplete(`X-Amz-Algorithm only supports '${ALGORITHM}'.`);
  }
  const expiresText = values.get("X-Amz-Expires") ?? "";
  const expiresSeconds = /^\d{1,7}$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_EXPIRES_SECONDS)) {
    incomplete(`X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_EXPIRES_SECONDS}.`);
  }
  const credential: Credential = parseCredential(values.get("X-Amz-Credential") ?? "");
  const signedHeaders = values.get("X-Amz-SignedHeaders") ?? "";
  const signedHeaderNames = signedHeaders.split(";");
  if (!signedHeaderNames.includes("host")) {
    incomplete("'Host' must be a 'SignedHeader' in the X-Amz-SignedHeaders query parameter.");
  }
  return {
    credential,
    signedHeaders,
    signedHeaderNames,
    signature: values.get("X-Amz-Signature") ?? "",
    amzDate: values.get("X-Amz-Date") ?? "",
    expiresSeconds,
    sessionToken: values.get("X-Amz-Security-Token"),
  };
}
