/** Shared set-up for the oidc integration suites: a verifier with a manual clock and a captured log. */
import {
  type OidcTrustOptions,
  OidcVerifier,
  type OidcVerifierOptions,
  type ProviderRegistration,
} from "../../src/oidc/index.js";
import { ManualClock } from "../../src/shared/index.js";
import type { TestOidcProvider } from "../support/oidc-provider.js";

export interface LogLine {
  level: "warn" | "info";
  obj: object;
  msg: string | undefined;
}

export interface TestVerifier {
  verifier: OidcVerifier;
  clock: ManualClock;
  logs: LogLine[];
}

export function makeVerifier(
  trust: Partial<OidcTrustOptions> = {},
  extra: Partial<Omit<OidcVerifierOptions, "clock" | "trust" | "log">> = {},
): TestVerifier {
  const clock = new ManualClock(Date.now());
  const logs: LogLine[] = [];
  const log = {
    warn: (obj: object, msg?: string) => logs.push({ level: "warn", obj, msg }),
    info: (obj: object, msg?: string) => logs.push({ level: "info", obj, msg }),
  };
  const verifier = new OidcVerifier({
    clock,
    trust: { trustPublicCa: false, allowHttpProviders: false, ...trust },
    log,
    ...extra,
  });
  return { verifier, clock, logs };
}

/** The provider registered with the intermediate CA's thumbprint (what AWS would store). */
export function registrationOf(
  idp: TestOidcProvider,
  overrides: Partial<ProviderRegistration> = {},
): ProviderRegistration {
  return { url: idp.url, clientIds: [idp.clientId], thumbprints: [idp.ca.intermediate.thumbprint], ...overrides };
}
