import { serviceError } from "../errors/index.js";
import type { Principal } from "../shared/index.js";
import { parseAuthorization } from "./authorization-header.js";
import { canonicalHeaders, headerValue } from "./canonical-headers.js";
import { canonicalQuery } from "./canonical-query.js";
import { canonicalUri } from "./canonical-uri.js";
import { signaturesMatch } from "./compare-signature.js";
import { checkCredentialScope } from "./credential-scope.js";
import { hashedPayload } from "./payload-hash.js";
import { checkClockSkew, requestTime } from "./request-time.js";
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

/**
 * Verifies a header-signed SigV4 request (AWS SigV4 docs, "Authenticating requests: Authorization
 * header") and returns the caller. Cheap checks that need no secret come first (shape, time,
 * scope), then the key lookup, then the canonical request is rebuilt and its signature compared.
 */
export async function verifySigV4(req: SignedRequest, opts: VerifyOptions): Promise<Principal> {
  if (Array.isArray(req.headers.authorization) && req.headers.authorization.length > 1) {
    // Which one would be meant? Node would keep the first, a proxy may keep the last: refuse both.
    throw serviceError("IncompleteSignature", "The request carries more than one Authorization header.");
  }
  const authorization = headerValue(req.headers, "authorization");
  if (authorization === undefined) {
    throw serviceError("MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  const hasDate = req.headers["x-amz-date"] !== undefined || req.headers.date !== undefined;
  const auth = parseAuthorization(authorization, hasDate);
  const time = requestTime(req.headers);
  checkCredentialScope(auth.credential, opts.service, time.amzDate);
  checkClockSkew(time, opts.clock.nowMs(), opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS);

  const { credential } = auth;
  const secret = await opts.lookup(credential.accessKeyId, headerValue(req.headers, "x-amz-security-token"));
  if (secret === undefined) {
    throw serviceError("UnrecognizedClient", "The security token included in the request is invalid.");
  }

  const payloadHash = hashedPayload(req.headers, req.body);
  const headersBlock = canonicalHeaders(req.headers, auth.signedHeaderNames);
  if (headersBlock === undefined) return signatureMismatch();
  const queryStart = req.rawPath.indexOf("?");
  const path = queryStart < 0 ? req.rawPath : req.rawPath.slice(0, queryStart);
  const query = queryStart < 0 ? "" : req.rawPath.slice(queryStart + 1);
  const request = canonicalRequest({
    method: req.method,
    canonicalUri: canonicalUri(path),
    canonicalQuery: canonicalQuery(query),
    canonicalHeaders: headersBlock,
    signedHeaders: auth.signedHeaders,
    hashedPayload: payloadHash,
  });
  const key = signingKeys.get(secret.secretAccessKey, credential.date, credential.region, credential.service);
  const expected = signatureHex(key, stringToSign(time.amzDate, credential.scope, request));
  if (!signaturesMatch(expected, auth.signature)) return signatureMismatch();
  return secret.principal;
}
