/**
 * Reading a token before trusting it: the compact JWS shape (RFC 7515 §7.1), strict base64url and
 * JSON objects for header and payload, with no byte-order mark and no duplicate member names. Used
 * first by the verifier (so garbage never causes key I/O) and by `idpool doctor` to show what a
 * token says.
 */
import { duplicateMemberName } from "./json-strict.js";
import { quote, reject, type TokenRejection } from "./rejection.js";

/** The longest `Logins` value the Cognito model allows (IdentityProviderToken, max 50,000). */
export const MAX_TOKEN_LENGTH = 50_000;

export type JsonObject = Record<string, unknown>;

export interface DecodedToken {
  header: JsonObject;
  claims: JsonObject;
}

export type DecodeOutcome = ({ ok: true } & DecodedToken) | { ok: false; rejection: TokenRejection };

const BASE64URL = /^[A-Za-z0-9_-]*$/;
// ignoreBOM keeps a byte-order mark in the text (by default TextDecoder drops it without a word).
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

type Part = { ok: true; value: JsonObject } | { ok: false; rejection: TokenRejection };

function decodeJsonObject(part: string, what: "header" | "payload"): Part {
  // Buffer's decoder silently skips foreign characters and accepts impossible lengths; be strict.
  if (part.length === 0 || !BASE64URL.test(part) || part.length % 4 === 1) {
    return { ok: false, rejection: reject("malformed", `the ${what} is not base64url`) };
  }
  const malformed = (detail: string): Part => ({ ok: false, rejection: reject("malformed", `the ${what} ${detail}`) });
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(Buffer.from(part, "base64url"));
    // RFC 8259 §8.1: a sender MUST NOT add a BOM, a parser MAY ignore one. Parsers disagree
    // (JSON.parse refuses it, TextDecoder drops it unasked), so it is refused, never skipped.
    if (text.startsWith("\uFEFF")) return malformed("starts with a byte-order mark");
    value = JSON.parse(text);
  } catch {
    return malformed("is not UTF-8 JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return malformed(`is JSON but not an object (found ${quote(value)})`);
  }
  const duplicate = duplicateMemberName(text);
  if (duplicate !== undefined) {
    return malformed(`has the member name ${quote(duplicate)} twice (duplicates are refused, not last-wins)`);
  }
  return { ok: true, value: value as JsonObject };
}

/**
 * Header and claims of a token, without checking anything else: never trust the result.
 * The size limit comes first so a huge value costs nothing to refuse.
 */
export function decodeUnverified(token: string, maxLength = MAX_TOKEN_LENGTH): DecodeOutcome {
  if (token.length > maxLength) {
    return { ok: false, rejection: reject("token_too_large", `${token.length} characters, limit ${maxLength}`) };
  }
  const parts = token.split(".");
  if (parts.length !== 3) {
    const found = parts.length === 5 ? "5 parts (a JWE, encrypted)" : `${parts.length} part(s)`;
    return { ok: false, rejection: reject("malformed", `a compact JWS has 3 dot-separated parts, found ${found}`) };
  }
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  const header = decodeJsonObject(headerPart, "header");
  if (!header.ok) return header;
  const claims = decodeJsonObject(payloadPart, "payload");
  if (!claims.ok) return claims;
  if (!BASE64URL.test(signaturePart)) {
    return { ok: false, rejection: reject("malformed", "the signature is not base64url") };
  }
  return { ok: true, header: header.value, claims: claims.value };
}
