/**
 * For `idpool doctor --endpoint`: asks a running idpool to check the token itself, with the
 * SigV4-signed IdpoolService.DiagnoseToken (AWS JSON 1.1, signing name idpool, root credentials
 * from the environment). The server finds the pool's provider for the logins key as a login does
 * and fetches its keys under its own TLS rules, so the answer is what that idpool would decide.
 */

import { type CheckStatus, type DecodedToken, decodeUnverified, MAX_TOKEN_LENGTH } from "../oidc/index.js";
import { ApiError, httpCaller } from "../setup/index.js";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** IDPOOL_ROOT_* first (idpool's own), then the usual AWS_* variables. */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const pairs = [
    [env.IDPOOL_ROOT_ACCESS_KEY_ID, env.IDPOOL_ROOT_SECRET_ACCESS_KEY, undefined],
    [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN],
  ] as const;
  for (const [accessKeyId, secretAccessKey, sessionToken] of pairs) {
    if (accessKeyId && secretAccessKey)
      return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
  }
  return undefined;
}

/** What `formatDiagnosis` prints: a local diagnosis (oidc's Diagnosis) or a server's answer. */
export interface DiagnosisView {
  readonly decoded: DecodedToken | undefined;
  readonly checks: readonly {
    readonly rule: string;
    readonly status: CheckStatus;
    readonly says: string;
    readonly reason?: string | undefined;
    readonly fix?: string | undefined;
  }[];
  readonly accepted: boolean;
  readonly rejection: { readonly reason: string } | undefined;
}

/** The registration a diagnosis was checked against, for the `Provider:` lines. */
export interface ProviderView {
  readonly url: string;
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
}

export interface RemoteDiagnosis {
  readonly diagnosis: DiagnosisView;
  /** Absent when the logins key names no ID-token provider of the pool. */
  readonly provider: ProviderView | undefined;
}

export interface RemoteLookup {
  endpoint: string;
  region: string;
  poolId: string;
  loginsKey: string;
  credentials: Credentials;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const optional = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function statusOf(wire: unknown): CheckStatus {
  if (wire === "pass" || wire === "fail") return wire;
  if (wire === "skipped") return "skip";
  throw new Error(`DiagnoseToken: unknown check status ${JSON.stringify(wire)}`);
}

/** Calls DiagnoseToken and reads its answer back into what the local mode prints. */
export async function diagnoseRemotely(lookup: RemoteLookup, token: string): Promise<RemoteDiagnosis> {
  const call = httpCaller({ endpoint: lookup.endpoint, region: lookup.region, credentials: lookup.credentials });
  let answer: Record<string, unknown>;
  try {
    answer = await call("idpool", "DiagnoseToken", {
      IdentityPoolId: lookup.poolId,
      LoginsKey: lookup.loginsKey,
      Token: token,
    });
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`DiagnoseToken: ${error.code}: ${error.message}`);
    throw error;
  }
  if (typeof answer.Accepted !== "boolean" || !Array.isArray(answer.Checks)) {
    throw new Error("DiagnoseToken: the answer has no Accepted and Checks");
  }
  const checks = answer.Checks.filter(isRecord).map((c) => ({
    rule: String(c.Rule),
    status: statusOf(c.Status),
    says: String(c.Says),
    reason: optional(c.Reason),
    fix: optional(c.Fix),
  }));
  const reason = optional(answer.Reason);
  // The header and claims are read here, from the token as given (the server does not echo them).
  const decoded = decodeUnverified(token, MAX_TOKEN_LENGTH);
  const provider = isRecord(answer.Provider)
    ? {
        url: String(answer.Provider.Url),
        clientIds: strings(answer.Provider.ClientIds),
        thumbprints: strings(answer.Provider.Thumbprints),
      }
    : undefined;
  return {
    diagnosis: {
      decoded: decoded.ok ? { header: decoded.header, claims: decoded.claims } : undefined,
      checks,
      accepted: answer.Accepted,
      rejection: answer.Accepted ? undefined : { reason: reason ?? "unknown" },
    },
    provider,
  };
}
