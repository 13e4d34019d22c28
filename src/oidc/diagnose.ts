/**
 * Every rule applied to one token, each as pass, fail or skip with the reason in plain words and
 * what to change: the logic behind `idpool doctor`. It runs the verifier's own rule functions, then
 * the verifier itself, so its verdict is the verifier's.
 */
import { type Clock, nowEpochSeconds } from "../shared/index.js";
import { ADVICE } from "./advice.js";
import { checkAudience, checkSubject, checkTimes } from "./claim-rules.js";
import { type DecodedToken, decodeUnverified } from "./decode.js";
import { checkHeader } from "./header-rules.js";
import type { RejectionReason, TokenRejection } from "./rejection.js";
import { verifySignature } from "./signature.js";
import type { OidcVerifier } from "./verifier.js";
import type { ProviderRegistration } from "./verifier-options.js";

export type CheckStatus = "pass" | "fail" | "skip";

export interface DiagnosisCheck {
  rule: "shape" | "algorithm" | "issuer" | "keys" | "signature" | "lifetime" | "audience" | "subject" | "verdict";
  status: CheckStatus;
  /** What was found, in plain words. */
  says: string;
  reason?: RejectionReason;
  /** What to change (failures only). */
  fix?: string;
}

export interface Diagnosis {
  decoded: DecodedToken | undefined;
  checks: DiagnosisCheck[];
  accepted: boolean;
  rejection: TokenRejection | undefined;
}

type Rule = DiagnosisCheck["rule"];

const pass = (rule: Rule, says: string): DiagnosisCheck => ({ rule, status: "pass", says });
const skip = (rule: Rule, says: string): DiagnosisCheck => ({ rule, status: "skip", says });
const fail = (rule: Rule, rejection: TokenRejection, note = ""): DiagnosisCheck => ({
  rule,
  status: "fail",
  says: `${rejection.detail}${note}`,
  reason: rejection.reason,
  fix: ADVICE[rejection.reason],
});

export async function diagnoseToken(
  verifier: OidcVerifier,
  clock: Clock,
  token: string,
  provider: ProviderRegistration,
  loginsKey: string,
): Promise<Diagnosis> {
  const checks: DiagnosisCheck[] = [];
  const decoded = decodeUnverified(token, verifier.maxTokenChars);
  if (!decoded.ok) {
    checks.push(fail("shape", decoded.rejection));
    return { decoded: undefined, checks, accepted: false, rejection: decoded.rejection };
  }
  checks.push(pass("shape", "a compact JWS with a JSON header and JSON claims"));
  const { claims } = decoded;
  const header = checkHeader(decoded.header, verifier.allowedAlgorithms);
  checks.push(
    header.ok ? pass("algorithm", `alg ${header.header.alg} is allowed`) : fail("algorithm", header.rejection),
  );
  const issuer = verifier.checkIssuer(claims, provider, loginsKey);
  checks.push(
    issuer ? fail("issuer", issuer) : pass("issuer", `iss is ${JSON.stringify(claims.iss)}, as the logins key says`),
  );

  let signed = false;
  if (!header.ok) {
    checks.push(skip("keys", "not looked up: the header is not acceptable"), skip("signature", "not checked"));
  } else {
    const key = await verifier.keyFor(provider, header.header);
    const cached = verifier.describeKeys(provider);
    if (!key.ok) {
      checks.push(fail("keys", key.rejection), skip("signature", "not checked: no key"));
    } else {
      const kid = header.header.kid === undefined ? "the only key" : `kid ${JSON.stringify(header.header.kid)}`;
      const where = cached ? ` in ${cached.keySet.jwksUri} (${trustSummary(cached.keySet.tls)})` : "";
      checks.push(pass("keys", `found ${kid}${where}`));
      const signature = await verifySignature(token, key.key, header.header.alg);
      signed = signature === undefined;
      checks.push(signature ? fail("signature", signature) : pass("signature", "verifies with the provider's key"));
    }
  }
  const unverified = signed ? "" : " (claims not authenticated: the signature was not verified)";
  const audience = checkAudience(claims, provider.clientIds);
  checks.push(
    audience.ok
      ? pass("audience", `client id ${JSON.stringify(audience.matchedClientId)} is registered`)
      : fail("audience", audience.rejection, unverified),
  );
  const times = checkTimes(claims, nowEpochSeconds(clock));
  checks.push(
    times
      ? fail("lifetime", times, unverified)
      : pass("lifetime", `valid now (exp ${String(claims.exp)}, 300 s grace)`),
  );
  const subject = checkSubject(claims);
  checks.push(subject ? fail("subject", subject, unverified) : pass("subject", `sub ${JSON.stringify(claims.sub)}`));

  // The verdict is the verifier's (keys are cached by now, so this does no I/O).
  const outcome = await verifier.verify(token, provider, loginsKey);
  const allPassed = checks.every((c) => c.status === "pass");
  if (outcome.ok !== allPassed) {
    const says = outcome.ok
      ? "the verifier accepted a token a rule refused"
      : `the verifier refused: ${outcome.rejection.detail}`;
    checks.push({ rule: "verdict", status: "fail", says });
  }
  const base = { decoded: { header: decoded.header, claims }, checks };
  return outcome.ok
    ? { ...base, accepted: true, rejection: undefined }
    : { ...base, accepted: false, rejection: outcome.rejection };
}

function trustSummary(tls: {
  discovery: { ok: boolean; via?: string } | undefined;
  jwks: { ok: boolean; via?: string } | undefined;
}): string {
  const via = (v: { ok: boolean; via?: string } | undefined) =>
    v === undefined ? "plain http" : `TLS trusted by ${v.via ?? "?"}`;
  return `discovery: ${via(tls.discovery)}; jwks: ${via(tls.jwks)}`;
}
