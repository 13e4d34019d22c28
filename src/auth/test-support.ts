/**
 * Test support (not used by the service): signs requests with the official @smithy/signature-v4
 * exactly as the SDK clients do (reference/toolchain.md §2.6), and turns the result into the
 * `SignedRequest` the server would receive. Kept out of `*.test.ts` so several test files share it.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { serviceError } from "../errors/index.js";
import { type Principal, SmithySha256 } from "../shared/index.js";
import type { CredentialLookup, SignedRequest } from "./types.js";

/** The Sha256 of toolchain.md §2.6, on node:crypto (shared with the CLI and setup callers). */
export { SmithySha256 as Sha256 };

/** The query string the SDK's node handler puts on the wire (smithy `buildQueryString`). */
export function buildQueryString(query: Readonly<Record<string, string | readonly string[]>>): string {
  const escapeUri = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined) continue;
    for (const v of typeof value === "string" ? [value] : value) parts.push(`${escapeUri(key)}=${escapeUri(v)}`);
  }
  return parts.join("&");
}

export interface SignInput {
  readonly service: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly signingDate: Date;
  readonly method?: string;
  /** Already percent-encoded once, as the SDK's request.path is. */
  readonly path?: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** Headers to sign (lower-case names), host included. */
  readonly headers: Readonly<Record<string, string>>;
  /** Headers added after signing (proxies, user-agent): present but not in SignedHeaders. */
  readonly unsignedHeaders?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** "signer": smithy adds x-amz-content-sha256 (applyChecksum, as the SDK); "none": no header. */
  readonly contentSha256?: "signer" | "none";
}

function signerFor(input: SignInput, applyChecksum: boolean): SignatureV4 {
  return new SignatureV4({
    service: input.service,
    region: input.region,
    credentials: {
      accessKeyId: input.accessKeyId,
      secretAccessKey: input.secretAccessKey,
      ...(input.sessionToken === undefined ? {} : { sessionToken: input.sessionToken }),
    },
    sha256: SmithySha256,
    applyChecksum,
  });
}

/** smithy wants mutable query values (and may give back nulls, which mean a name without value). */
function mutable(
  query: Readonly<Record<string, string | readonly string[] | null>> | undefined,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    out[key] = value === null ? "" : typeof value === "string" ? value : [...value];
  }
  return out;
}

/** The request as the server receives it: lower-case header names, the query on the path. */
function received(
  signed: { method: string; headers: Record<string, string>; query?: Record<string, unknown> },
  input: SignInput,
  query: Readonly<Record<string, string | readonly string[]>>,
  body: Buffer,
): SignedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  Object.assign(headers, input.unsignedHeaders);
  const path = input.path ?? "/";
  const qs = buildQueryString(query);
  return { method: signed.method, rawPath: qs === "" ? path : `${path}?${qs}`, headers, body };
}

export async function signWithSmithy(input: SignInput): Promise<SignedRequest> {
  const body = input.body === undefined ? Buffer.alloc(0) : Buffer.from(input.body);
  const signer = signerFor(input, (input.contentSha256 ?? "signer") === "signer");
  const path = input.path ?? "/";
  const query = input.query ?? {};
  const mutableQuery = mutable(query);
  const signable = new Set([
    ...Object.keys(input.headers),
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-content-sha256",
  ]);
  const signed = await signer.sign(
    {
      method: input.method ?? "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      path,
      query: mutableQuery,
      headers: { ...input.headers },
      body,
    },
    { signingDate: input.signingDate, unsignableHeaders: new Set(), signableHeaders: signable },
  );
  return received(signed, input, query, body);
}

/** Presigns a request with smithy's `presign`, as `@aws-sdk/s3-request-presigner` and others do. */
export async function presignWithSmithy(
  input: SignInput & { readonly expiresInSeconds: number },
): Promise<SignedRequest> {
  const body = input.body === undefined ? undefined : Buffer.from(input.body);
  const presigned = await signerFor(input, true).presign(
    {
      method: input.method ?? "GET",
      protocol: "http:",
      hostname: "127.0.0.1",
      path: input.path ?? "/",
      query: mutable(input.query),
      headers: { ...input.headers },
      ...(body === undefined ? {} : { body }),
    },
    { signingDate: input.signingDate, expiresIn: input.expiresInSeconds, unsignableHeaders: new Set() },
  );
  return received(presigned, input, mutable(presigned.query), body ?? Buffer.alloc(0));
}

// ---- Fixtures shared by the tests ----

export const NOW_MS = Date.UTC(2026, 10, 26, 13, 43, 58);

export const ROOT_KEY = {
  accessKeyId: "AKIAIDPOOLEXAMPLE001",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  principal: {
    accessKeyId: "AKIAIDPOOLEXAMPLE001",
    kind: "root",
    arn: "arn:aws:iam::123456789012:root",
    userId: "123456789012",
    accountId: "123456789012",
  },
} as const satisfies { accessKeyId: string; secretAccessKey: string; principal: Principal };

export const SESSION_KEY = {
  accessKeyId: "ASIAIDPOOLEXAMPLE0002",
  secretAccessKey: "sEcReT/Ses5ion+Key0123456789abcdefghijKL",
  sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//sealed+token==",
  principal: {
    accessKeyId: "ASIAIDPOOLEXAMPLE0002",
    kind: "session",
    arn: "arn:aws:sts::123456789012:assumed-role/Cognito_Auth/CognitoIdentityCredentials",
    userId: "AROAEXAMPLEROLEID:CognitoIdentityCredentials",
    accountId: "123456789012",
  },
} as const satisfies { accessKeyId: string; secretAccessKey: string; sessionToken: string; principal: Principal };

export const EXPIRED_SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXPIRED//sealed+token==";

/** Root keys ignore the token; the session key needs its own token, as a sealed token would. */
export const fixtureLookup: CredentialLookup = async (accessKeyId, sessionToken) => {
  if (accessKeyId === ROOT_KEY.accessKeyId) return ROOT_KEY;
  if (accessKeyId !== SESSION_KEY.accessKeyId) return undefined;
  if (sessionToken === EXPIRED_SESSION_TOKEN) {
    throw serviceError("ExpiredToken", "The security token included in the request is expired");
  }
  return sessionToken === SESSION_KEY.sessionToken ? SESSION_KEY : undefined;
};

/** The header set the SDK signs (reference/toolchain.md §2.1-2.3), minus the ones the signer adds. */
export function sdkHeaders(service: "cognito-identity" | "iam" | "sts", body: string): Record<string, string> {
  const json = service === "cognito-identity";
  return {
    "amz-sdk-invocation-id": "8b697220-1d1c-4e0a-9b5e-2f3c4d5e6f70",
    "amz-sdk-request": "attempt=1; max=3",
    "content-length": String(Buffer.byteLength(body)),
    "content-type": json ? "application/x-amz-json-1.1" : "application/x-www-form-urlencoded",
    host: "127.0.0.1:43223",
    ...(json ? { "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools" } : {}),
    "x-amz-user-agent": "aws-sdk-js/3.1163.0",
  };
}

export const SDK_UNSIGNED_HEADERS = {
  "user-agent": "aws-sdk-js/3.1163.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/sts#3.1173.0 m/N,E",
  connection: "keep-alive",
} as const;
