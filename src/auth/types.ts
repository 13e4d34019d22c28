import type { Clock, Principal } from "../shared/index.js";

/** A request before its body: what SigV4 checks up to the payload hash. */
export interface SignedRequestHead {
  readonly method: string;
  /** Path plus optional `?query`, exactly as received (Node's `req.url`). */
  readonly rawPath: string;
  /** Node's IncomingHttpHeaders (lower-case names); `req.headersDistinct` also fits. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface SignedRequest extends SignedRequestHead {
  readonly body: Buffer;
}

export interface SigningSecret {
  readonly secretAccessKey: string;
  readonly principal: Principal;
}

/**
 * Looks up the secret for an access key id; `sessionToken` is x-amz-security-token if present.
 * Returns undefined for unknown keys. May throw a ServiceError (e.g. ExpiredToken).
 */
export type CredentialLookup = (
  accessKeyId: string,
  sessionToken: string | undefined,
) => Promise<SigningSecret | undefined>;

export interface VerifyOptions {
  /** Expected signing name: "cognito-identity" | "iam" | "sts". */
  readonly service: string;
  readonly lookup: CredentialLookup;
  readonly clock: Clock;
  /** Allowed distance between the request time and the clock; default 15 minutes. */
  readonly maxSkewMs?: number;
}
