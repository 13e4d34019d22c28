export { GENESIS_HASH } from "./audit/chain.js";
export { type AuditTrail, type AuditTrailOptions, startAuditTrail } from "./audit/index.js";
export { type VerifyReport, verifyAuditFile } from "./audit/verify.js";
export {
  type CachedProviderKeys,
  type MetricsDeps,
  type MetricsListener,
  type MetricsSources,
  type NameStore,
  type RunningMetrics,
  startClusterMetrics,
  startMetrics,
} from "./metrics/index.js";
export { AWS_DEFAULT_QUOTAS } from "./quotas/aws-defaults.js";
export { createQuotaAdmitter, type QuotaAdmitter, resolveQuotas } from "./quotas/quotas.js";
export {
  createRecentRefusals,
  processName,
  RECENT_REFUSALS_CAPACITY,
  type RecentRefusal,
  type RecentRefusals,
} from "./recent-refusals.js";
