import { serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";

/** Reference §2.4: the Logins entry must name the pool's DeveloperProviderName. */
export const unsupportedDeveloperProvider = () =>
  serviceError("NotAuthorized", "This identity pool does not support the specified developer provider");

/** The pool's developer provider name, or the error AWS answers when it has none or another. */
export function requireDeveloperProvider(pool: IdentityPoolRecord, name: string | undefined): string {
  const configured = pool.developerProviderName;
  if (configured === undefined || (name !== undefined && name !== configured)) throw unsupportedDeveloperProvider();
  return configured;
}

/** `amr` of developer tokens (reference §5). */
export function developerAmr(provider: string, poolId: string, userIdentifier: string): string[] {
  return ["authenticated", provider, `${provider}:${poolId}:${userIdentifier}`];
}

export function developerLogin(provider: string, userIdentifier: string) {
  return { provider, subject: userIdentifier, developer: true } as const;
}
