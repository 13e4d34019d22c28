import { serviceError } from "../errors/index.js";
import { type HeaderMap, headerValue } from "./canonical-headers.js";

export interface RequestTime {
  /** ISO 8601 basic format, yyyyMMdd'T'HHmmss'Z': the form used in the string to sign. */
  readonly amzDate: string;
  readonly epochMs: number;
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function formatAmzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function parseAmzDate(value: string): number | undefined {
  const m = AMZ_DATE.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (
    y === undefined ||
    mo === undefined ||
    d === undefined ||
    h === undefined ||
    mi === undefined ||
    s === undefined
  ) {
    return undefined;
  }
  const epochMs = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 20260231 over into March; the round trip rejects such dates.
  return formatAmzDate(epochMs) === value ? epochMs : undefined;
}

/**
 * The request time: X-Amz-Date, else the HTTP Date header (AWS SigV4 docs, "Elements of an AWS
 * API request signature": the timestamp is taken from either; in the string to sign it is always
 * the ISO 8601 basic form). Call only when one of them is present.
 */
export function requestTime(headers: HeaderMap): RequestTime {
  const amzDate = headerValue(headers, "x-amz-date");
  if (amzDate !== undefined) return amzRequestTime(amzDate);
  const httpDate = headerValue(headers, "date") ?? "";
  const epochMs = Date.parse(httpDate);
  if (Number.isNaN(epochMs)) {
    throw serviceError("IncompleteSignature", `Date header is not a valid HTTP date. Got '${httpDate}'.`);
  }
  const wholeSecondsMs = Math.floor(epochMs / 1000) * 1000;
  return { amzDate: formatAmzDate(wholeSecondsMs), epochMs: wholeSecondsMs };
}

/** An X-Amz-Date value (header or query parameter) as the request time. */
export function amzRequestTime(amzDate: string): RequestTime {
  const epochMs = parseAmzDate(amzDate);
  if (epochMs === undefined) {
    throw serviceError(
      "IncompleteSignature",
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return { amzDate, epochMs };
}

/**
 * A presigned request also ends X-Amz-Expires seconds after its X-Amz-Date (AWS SigV4 docs,
 * "Authenticating requests: query parameters"), said in the words of the skew check below.
 */
export function checkPresignedExpiry(time: RequestTime, expiresSeconds: number, nowMs: number): void {
  const endMs = time.epochMs + expiresSeconds * 1000;
  if (nowMs <= endMs) return;
  const nowWholeMs = Math.floor(nowMs / 1000) * 1000;
  throw serviceError(
    "InvalidSignature",
    `Signature expired: ${time.amzDate} is now earlier than ${formatAmzDate(nowWholeMs - expiresSeconds * 1000)} (${formatAmzDate(nowWholeMs)} - ${expiresSeconds} sec.)`,
  );
}

/**
 * A signed request is valid for a limited time around the server's clock (AWS SigV4 docs,
 * "Elements of an AWS API request signature": within 15 minutes of the time in the request), which
 * bounds replay. Messages are AWS's, times in the basic ISO format.
 */
export function checkClockSkew(time: RequestTime, nowMs: number, maxSkewMs: number): void {
  const nowWholeMs = Math.floor(nowMs / 1000) * 1000;
  const minutes = `${maxSkewMs / 60_000} min.`;
  const now = formatAmzDate(nowWholeMs);
  if (time.epochMs < nowMs - maxSkewMs) {
    throw serviceError(
      "InvalidSignature",
      `Signature expired: ${time.amzDate} is now earlier than ${formatAmzDate(nowWholeMs - maxSkewMs)} (${now} - ${minutes})`,
    );
  }
  if (time.epochMs > nowMs + maxSkewMs) {
    throw serviceError(
      "InvalidSignature",
      `Signature not yet current: ${time.amzDate} is still later than ${formatAmzDate(nowWholeMs + maxSkewMs)} (${now} + ${minutes})`,
    );
  }
}
