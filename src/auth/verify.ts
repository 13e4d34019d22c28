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
import type { SignedRequest, VerifyOptions } from "./types.js";

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
function fromHeader(req: SignedRequest, authorization: string): Signature {
  const hasDate = req.headers["x-amz-date"] !== undefined || req.headers.date !== undefined;
  const auth = parseAuthorization(authorization, hasDate);
  return { ...auth, time: requestTime(req.headers), sessionToken: headerValue(req.headers, "x-amz-security-token") };
}

/** The query form (AWS SigV4 docs, "Authenticating requests: query parameters"), for GET or POST. */
function fromQuery(query: string): Signature {
  const presigned = parsePresigned(query);
  return { ...presigned, time: amzRequestTime(presigned.amzDate) };
}

function signatureOf(req: SignedRequest, query: string): Signature {
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
 * Verifies a SigV4-signed request, in the header or the presigned form, and returns the caller.
 * Cheap checks that need no secret come first (shape, time, scope), then the key lookup, then the
 * canonical request is rebuilt and its signature compared.
 */
export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<Principal> {
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

  const payloadHash = hashedPayload(req.headers, req.body);
  const headersBlock = canonicalHeaders(req.headers, signature.signedHeaderNames);
  if (headersBlock === undefined) return signatureMismatch();
  const request = canonicalRequest({
    method: req.method,
    canonicalUri: canonicalUri(path),
    canonicalQuery: canonicalQuery(query),
    canonicalHeaders: headersBlock,
    signedHeaders: signature.signedHeaders,
    hashedPayload: payloadHash,
  });
  const key = signingKeys.get(secret.secretAccessKey, credential.date, credential.region, credential.service);
  const expected = signatureHex(key, stringToSign(time.amzDate, credential.scope, request));
  if (!signaturesMatch(expected, signature.signature)) return signatureMismatch();
  return secret.principal;
}
