import type { Logger } from "../../shared/index.js";
import type { IdentityPoolRecord } from "../../store/index.js";
import { deciderLogin } from "../credentials/role-choice.js";
import type { LinkDeps, LoginDeps } from "../deps.js";
import { identityForbidden, identityNotFound, loginsDontMatch, unauthenticatedNotSupported } from "../errors.js";
import type { VerifiedLogin } from "../logins/verified-login.js";
import { verifyLogins } from "../logins/verify-logins.js";
import { linkLogins } from "./link-logins.js";

export interface AuthorizedIdentity {
  readonly pool: IdentityPoolRecord;
  /** May differ from the id asked for when a guest was merged into a login's owner. */
  readonly identityId: string;
  /** The login whose provider decides role and tags; undefined for a guest. */
  readonly login: VerifiedLogin | undefined;
}

/**
 * Who may act as an identity (reference §3.3–3.4), shared by GetCredentialsForIdentity
 * and GetOpenIdToken. The identity and its logins come in one read; when every login presented is
 * already linked to it, nothing is written. A token idpool signed for this very identity (the
 * enhanced developer flow, under `cognito-identity.amazonaws.com`) proves it too.
 */
export async function authorizeIdentity(
  deps: LoginDeps & LinkDeps,
  identityId: string,
  logins: Readonly<Record<string, string>>,
  log: Logger,
  poolCheck: (pool: IdentityPoolRecord) => void = () => {},
): Promise<AuthorizedIdentity> {
  const found = await deps.store.identities.getWithLogins(identityId);
  if (!found) throw identityNotFound(identityId);
  if (found.identity.disabledAtMs !== undefined) throw identityForbidden(identityId);
  const pool = await deps.store.pools.get(found.identity.poolId);
  if (!pool) throw identityNotFound(identityId);
  poolCheck(pool);
  if (Object.keys(logins).length === 0) {
    if (found.logins.length > 0) throw identityForbidden(identityId);
    if (!pool.allowUnauthenticated) throw unauthenticatedNotSupported();
    return { pool, identityId, login: undefined };
  }
  const verified = await verifyLogins(deps, pool, logins, log, "prove");
  const cognito = verified.filter((v) => v.kind === "cognito");
  if (cognito.some((c) => c.subject !== identityId)) throw loginsDontMatch();
  const external = verified.filter((v) => v.kind !== "cognito");
  const login = deciderLogin(pool, external) ?? cognito[0];
  const isLinked = (v: VerifiedLogin) => found.logins.some((l) => l.provider === v.provider && l.subject === v.subject);
  const linkedCount = external.filter(isLinked).length;
  if (linkedCount === external.length) return { pool, identityId, login };
  const keys = external.map((v) => ({ provider: v.provider, subject: v.subject }));
  if (linkedCount > 0 || cognito.length > 0) {
    // A proven identity presenting a new login too: link it (merging its owner, if any).
    const id = await linkLogins(deps, { poolId: pool.poolId, logins: keys, anchorId: identityId, survivor: "oldest" });
    return { pool, identityId: id, login };
  }
  if (found.logins.length > 0) throw loginsDontMatch();
  // A guest upgraded by a valid login: linked to it, or merged into the login's owner.
  const id = await linkLogins(deps, {
    poolId: pool.poolId,
    logins: keys,
    anchorId: identityId,
    survivor: "login-owner",
  });
  return { pool, identityId: id, login };
}
