import { ConfigError, type TelemetryConfig } from "../../config/index.js";
import { serviceError } from "../../errors/index.js";
import type { Clock } from "../../shared/index.js";
import { AWS_DEFAULT_QUOTAS } from "./aws-defaults.js";
import { TokenBucket } from "./token-bucket.js";

/** Throws the throttling error when a call of `operationName` is over its quota. */
export type QuotaAdmitter = (operationName: string) => void;

/**
 * Requests per second by operation name: AWS's defaults when `--quota-defaults aws`, then each
 * `--quota` over them. A `--quota` naming no operation idpool serves is a configuration error.
 */
export function resolveQuotas(
  config: Pick<TelemetryConfig, "quotas" | "quotaDefaults">,
  operationNames: readonly string[],
): Record<string, number> {
  const served = new Set(operationNames);
  for (const name of Object.keys(config.quotas)) {
    if (served.has(name)) continue;
    const near = operationNames.find((n) => n.toLowerCase() === name.toLowerCase());
    const hint = near
      ? `did you mean ${near}?`
      : "operation names are AWS's, such as GetId, AssumeRoleWithWebIdentity or CreateRole";
    throw new ConfigError(`--quota (IDPOOL_QUOTA): idpool serves no operation named '${name}'; ${hint}`);
  }
  return { ...(config.quotaDefaults === "aws" ? AWS_DEFAULT_QUOTAS : {}), ...config.quotas };
}

/**
 * One token bucket per operation with a quota; undefined when there is none. Over quota, the
 * error is AWS's: TooManyRequestsException in JSON, `Throttling` in Query form, `Rate exceeded`.
 */
export function createQuotaAdmitter(quotas: Readonly<Record<string, number>>, clock: Clock): QuotaAdmitter | undefined {
  const buckets = new Map(Object.entries(quotas).map(([name, rate]) => [name, new TokenBucket(rate, clock)]));
  if (buckets.size === 0) return undefined;
  return (operationName) => {
    if (buckets.get(operationName)?.tryTake() === false) throw serviceError("TooManyRequests", "Rate exceeded");
  };
}
