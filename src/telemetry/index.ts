export { AWS_DEFAULT_QUOTAS } from "./quotas/aws-defaults.js";
export { createQuotaAdmitter, type QuotaAdmitter, resolveQuotas } from "./quotas/quotas.js";
