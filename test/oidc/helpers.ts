/** Shared set-up for the oidc integration suites: a verifier with a manual clock and a captured log. */
import { exportJWK, generateKeyPair } from "jose";
import {
  type OidcTrustOptions,
  OidcVerifier,
  type OidcVerifierOptions,
  type ProviderRegistration,
  type VerifyOutcome,
} from "../../src/oidc/index.js";
import { ManualClock } from "../../src/shared/index.js";
import { startTestOidcProvider, type TestOidcProvider } from "../support/oidc-provider.js";

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

export function reasonOf(outcome: VerifyOutcome): string {
  return outcome.ok ? "accepted" : outcome.rejection.reason;
}

export interface RawSigner {
  idp: TestOidcProvider;
  /** RS256 over exactly these bytes: JSON text no JOSE library writes (duplicate names, a BOM). */
  sign(headerJson: string, payload: string | Uint8Array): Promise<string>;
  /** Signs, verifies against this provider's registration, and says "accepted" or "reason: detail". */
  verify(verifier: OidcVerifier, headerJson: string, payload: string | Uint8Array): Promise<string>;
}

/** A test provider whose JWKS publishes a key the test holds (kid "raw"), so any bytes can be signed. */
export async function startRawSigningProvider(): Promise<RawSigner> {
  const idp = await startTestOidcProvider();
  const pair = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "raw", use: "sig" };
  idp.setOverride((req, res) => {
    if (req.url !== idp.jwksPath) return false;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    return true;
  });
  const sign = async (headerJson: string, payload: string | Uint8Array) => {
    const input = `${Buffer.from(headerJson).toString("base64url")}.${Buffer.from(payload).toString("base64url")}`;
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, Buffer.from(input));
    return `${input}.${Buffer.from(signature).toString("base64url")}`;
  };
  const verify = async (verifier: OidcVerifier, headerJson: string, payload: string | Uint8Array) => {
    const outcome = await verifier.verify(await sign(headerJson, payload), registrationOf(idp), idp.loginsKey);
    return outcome.ok ? "accepted" : `${outcome.rejection.reason}: ${outcome.rejection.detail}`;
  };
  return { idp, sign, verify };
}
