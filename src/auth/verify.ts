import { serviceError } from "../errors/index.js";
import type { Principal } from "../shared/index.js";
import { type ParsedAuthorization, parseAuthorization } from "./authorization-header.js";
import { canonicalHeaders, headerValue } from "./canonical-headers.js";
import { canonicalQuery } from "./canonical-query.js";
import { canonicalUri } from "./canonical-uri.js";
import { signaturesMatch } from "./compare-signature.js";
import { checkCredentialScope } from "./credential-scope.js";
import { hashedPayload } from "./payload-hash.js";
import { isPresigned, parsePresigned } from "./presigned-query.js";
import { amzRequestTime, checkClockSkew, checkPresignedExpiry, type RequestTime, requestTime } from "./request-time.js";
import { SigningKeyCache } from "./signing-key.js";
import { canonicalRequest, signatureHex, stringToSign } from "./string-to-sign.js";
import type { SignedRequest, SignedRequestHead, VerifyOptions } from "./types.js";

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

export const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const signingKeys = new SigningKeyCache();

function signatureMismatch(): never {
  throw serviceError("InvalidSignature", SIGNATURE_MISMATCH);
}

/** A request's signature, from the Authorization header or from the presigned query string. */
interface Signature extends ParsedAuthorization {
  readonly time: RequestTime;
  readonly sessionToken: string | undefined;
  /** Presigned requests also end at X-Amz-Date + X-Amz-Expires. */
  readonly expiresSeconds?: number;
}

/** The header form (AWS SigV4 docs, "Authenticating requests: Authorization header"). */
function fromHeader(req: SignedRequestHead, authorization: string): Signature {
  const hasDate = req.headers["x-amz-date"] !== undefined || req.headers.date !== undefined;
  const auth = parseAuthorization(authorization, hasDate);
  return { ...auth, time: requestTime(req.headers), sessionToken: headerValue(req.headers, "x-amz-security-token") };
}

/** The query form (AWS SigV4 docs, "Authenticating requests: query parameters"), for GET or POST. */
function fromQuery(query: string): Signature {
  const presigned = parsePresigned(query);
  return { ...presigned, time: amzRequestTime(presigned.amzDate) };
}

function signatureOf(req: SignedRequestHead, query: string): Signature {
  if (Array.isArray(req.headers.authorization) && req.headers.authorization.length > 1) {
    // Which one would be meant? Node would keep the first, a proxy may keep the last: refuse both.
    throw serviceError("IncompleteSignature", "The request carries more than one Authorization header.");
  }
  const authorization = headerValue(req.headers, "authorization");
  const presigned = isPresigned(query);
  if (authorization !== undefined && presigned) {
    throw serviceError(
      "IncompleteSignature",
      "Only one auth mechanism allowed: the Authorization header or the X-Amz-* query parameters, not both.",
    );
  }
  if (authorization !== undefined) return fromHeader(req, authorization);
  if (presigned) return fromQuery(query);
  throw serviceError("MissingAuthenticationToken", "Request is missing Authentication Token");
}

/**
 * A request whose signature, credentials and time have been checked as far as they can be without
 * the body: `finish` takes the body's hash (or the hash the client declared, once the body has
 * been checked against it) and compares the signature. The gateway streams bodies, so it learns
 * the hash only at the end; the service reads the body first and calls both at once.
 */
export interface PendingSignature {
  /** Who signed, if `finish` accepts. */
  readonly principal: Principal;
  /** `x-amz-content-sha256` as sent (a hex SHA-256, `UNSIGNED-PAYLOAD`, …), when sent. */
  readonly declaredPayloadHash: string | undefined;
  /** Throws InvalidSignature unless the signature is right for a body of this hash. */
  finish(payloadHash: string): void;
}

/**
 * Verifies a SigV4-signed request up to its body, in the header or the presigned form. Cheap
 * checks that need no secret come first (shape, time, scope), then the key lookup; the canonical
 * request is rebuilt and its signature compared when `finish` learns the payload hash.
 */
export async function beginSigV4(req: SignedRequestHead, opts: VerifyOptions): Promise<PendingSignature> {
  const queryStart = req.rawPath.indexOf("?");
  const path = queryStart < 0 ? req.rawPath : req.rawPath.slice(0, queryStart);
  const query = queryStart < 0 ? "" : req.rawPath.slice(queryStart + 1);
  const signature = signatureOf(req, query);
  const { credential, time } = signature;
  checkCredentialScope(credential, opts.service, time.amzDate);
  const nowMs = opts.clock.nowMs();
  checkClockSkew(time, nowMs, opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS);
  if (signature.expiresSeconds !== undefined) checkPresignedExpiry(time, signature.expiresSeconds, nowMs);

  const secret = await opts.lookup(credential.accessKeyId, signature.sessionToken);
  if (secret === undefined) {
    throw serviceError("UnrecognizedClient", "The security token included in the request is invalid.");
  }
  const headersBlock = canonicalHeaders(req.headers, signature.signedHeaderNames);
  if (headersBlock === undefined) return signatureMismatch();
  const key = signingKeys.get(secret.secretAccessKey, credential.date, credential.region, credential.service);
  return {
    principal: secret.principal,
    declaredPayloadHash: headerValue(req.headers, "x-amz-content-sha256"),
    finish(payloadHash) {
      const request = canonicalRequest({
        method: req.method,
        canonicalUri: canonicalUri(path),
        canonicalQuery: canonicalQuery(query),
        canonicalHeaders: headersBlock,
        signedHeaders: signature.signedHeaders,
        hashedPayload: payloadHash,
      });
      const expected = signatureHex(key, stringToSign(time.amzDate, credential.scope, request));
      if (!signaturesMatch(expected, signature.signature)) signatureMismatch();
    },
  };
}

/** Verifies a SigV4-signed request whose body has been read, and returns the caller. */
export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<Principal> {
  const pending = await beginSigV4(req, opts);
  pending.finish(hashedPayload(req.headers, req.body));
  return pending.principal;
}
