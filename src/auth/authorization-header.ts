import { serviceError } from "../errors/index.js";
import { ALGORITHM } from "./string-to-sign.js";

export interface Credential {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  /** `date/region/service/terminator`, verbatim: it goes into the string to sign as sent. */
  readonly scope: string;
}

export interface ParsedAuthorization {
  readonly credential: Credential;
  /** Verbatim, for the canonical request. */
  readonly signedHeaders: string;
  readonly signedHeaderNames: readonly string[];
  readonly signature: string;
}

const PARAMETERS = ["Credential", "Signature", "SignedHeaders"] as const;
type Parameter = (typeof PARAMETERS)[number];

/** AWS echoes the header in these messages; the signature value is left out of ours. */
function echo(header: string): string {
  return `Authorization=${header.replace(/Signature=[^,\s]*/g, "Signature=[redacted]")}`;
}

function incomplete(message: string): never {
  throw serviceError("IncompleteSignature", message);
}

export function parseCredential(value: string): Credential {
  const parts = value.split("/");
  const [accessKeyId, date, region, service, terminator] = parts;
  if (
    parts.length !== 5 ||
    accessKeyId === undefined ||
    date === undefined ||
    region === undefined ||
    service === undefined ||
    terminator === undefined
  ) {
    return incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${value}'`,
    );
  }
  return { accessKeyId, date, region, service, terminator, scope: value.slice(accessKeyId.length + 1) };
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=<key>/<scope>, SignedHeaders=<a;b>, Signature=<hex>`
 * (AWS SigV4 docs, "Add the signature to the HTTP request"). Missing parts are reported together,
 * in AWS's IncompleteSignature wording, together with a missing X-Amz-Date/Date header.
 */
export function parseAuthorization(header: string, hasDateHeader: boolean): ParsedAuthorization {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  // Other schemes (Bearer, AWS SigV2, SigV4a) carry tokens we must not echo: name none of it.
  if (algorithm !== ALGORITHM) incomplete(`Authorization header must use the '${ALGORITHM}' algorithm.`);

  const values = new Map<Parameter, string>();
  for (const rawPart of trimmed.slice(algorithm.length).split(",")) {
    const part = rawPart.trim();
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) {
      incomplete(
        `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${echo(trimmed)}'.`,
      );
    }
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if ((PARAMETERS as readonly string[]).includes(name) && value !== "") values.set(name as Parameter, value);
  }

  let problems = "";
  for (const name of PARAMETERS) {
    if (!values.has(name)) problems += `Authorization header requires '${name}' parameter. `;
  }
  if (!hasDateHeader)
    problems += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (problems !== "") incomplete(`${problems}${echo(trimmed)}`);

  const credential = parseCredential(values.get("Credential") ?? "");
  const signedHeaders = values.get("SignedHeaders") ?? "";
  const signedHeaderNames = signedHeaders.split(";");
  // AWS requires Host to be signed: it binds the signature to the endpoint it was made for.
  if (!signedHeaderNames.includes("host")) {
    incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return { credential, signedHeaders, signedHeaderNames, signature: values.get("Signature") ?? "" };
}
