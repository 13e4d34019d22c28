export { BREAK_RULES, type BreakRule } from "./break-rules.js";
export type { DevRequest, DevResponse } from "./http.js";
export { DevInputError } from "./input-error.js";
export { rotateTestProviderKey } from "./key-log.js";
export { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS } from "./mint-request.js";
export { TestProviders, type TestProvidersDeps } from "./providers.js";
export { DEFAULT_TEST_PROVIDER, type TestProviderSpec } from "./spec.js";
