import { serviceError } from "../../errors/index.js";
import type { Logger } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import type { LoginDeps } from "../deps.js";
import { notSupported } from "../errors.js";
import { hasAnyProvider, kindOf, LOGIN_KINDS } from "./kinds.js";
import type { LoginsPurpose, VerifyLogin } from "./login-kind.js";
import { refuseLogin } from "./refusal.js";
import type { VerifiedLogin } from "./verified-login.js";

/** One login, by the kind of provider its key names (reference §3.2 step 4, §3.8). */
const verifyOne: VerifyLogin = (deps, pool, key, token, log) => {
  const kind = kindOf(pool, key);
  if (!kind?.verify) {
    const detail = kind ? "a provider of the pool whose logins idpool cannot verify" : "no provider of the pool";
    return refuseLogin(
      { deps, pool, loginsKey: key, token, log },
      { reason: "not_supported", rule: "provider", detail },
      notSupported(),
    );
  }
  return kind.verify(deps, pool, key, token, log);
};

/**
 * Checks every login of a logins map (reference §3.2 steps 3–4, §4): one bad token fails the call.
 * The reason is logged for operators (never the token); the caller gets Cognito's message. A kind
 * that cannot find an identity is refused when `purpose` is `find`.
 */
export async function verifyLogins(
  deps: LoginDeps,
  pool: IdentityPoolRecord,
  logins: Readonly<Record<string, string>>,
  log: Logger,
  purpose: LoginsPurpose,
): Promise<VerifiedLogin[]> {
  const entries = Object.entries(logins);
  if (entries.length > 0 && !hasAnyProvider(pool)) {
    throw serviceError("NotAuthorized", `Identity pool - ${pool.poolId} does not have identity providers configured.`);
  }
  const verified = await Promise.all(entries.map(([key, token]) => verifyOne(deps, pool, key, token, log)));
  // Verified first: a forged token under Cognito's key is "Not a Cognito token", a real one "Can't
  // pass in a Cognito token" (reference §3.2 step 4, §4.2).
  if (purpose === "find") {
    for (const login of verified) {
      const refusal = LOGIN_KINDS[login.kind].refusedWhenFinding;
      if (refusal) throw refusal();
    }
  }
  return verified;
}
