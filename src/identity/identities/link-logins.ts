import { serviceError } from "../../errors/index.js";
import { regionalId } from "../../shared/index.js";
import type { IdentityRecord, LoginKey, LoginRecord, Repositories } from "../../store/index.js";
import type { LinkDeps } from "../deps.js";

/** Linked logins per identity (reference §3.1, MergeDeveloperIdentities). */
export const MAX_LOGINS_PER_IDENTITY = 20;
const MAX_ATTEMPTS = 5;

/**
 * Which identity survives when logins name several: GetId merges into the oldest (reference §3.2 step 3); a
 * guest upgraded with a login that belongs elsewhere is merged into that login's owner.
 */
export type Survivor = "oldest" | "login-owner" | "anchor";

/** A login to link; developer user ids may be several per identity (MergeDeveloperIdentities). */
export interface LinkLogin extends LoginKey {
  readonly developer?: boolean;
}

export interface LinkPlan {
  readonly poolId: string;
  readonly logins: readonly LinkLogin[];
  /** The identity the caller named (GetCredentialsForIdentity, GetOpenIdToken). */
  readonly anchorId?: string;
  readonly survivor: Survivor;
}

/** A concurrent writer took a login between our read and our write: start over. */
class LostRace extends Error {}

const sameLogin = (a: LoginKey, b: LoginKey) => a.provider === b.provider && a.subject === b.subject;

/** The logins as they will stand after the merge, refusing two subjects of one provider (§3.1). */
function mergedLogins(existing: readonly LoginRecord[], wanted: readonly LinkLogin[]): LinkLogin[] {
  const all: LinkLogin[] = [...existing];
  for (const w of wanted) if (!all.some((e) => sameLogin(e, w))) all.push(w);
  const byProvider = new Map<string, string>();
  for (const l of all) {
    if (l.developer) continue;
    const other = byProvider.get(l.provider);
    if (other !== undefined && other !== l.subject) {
      throw serviceError("ResourceConflict", `An identity can have only one login of provider ${l.provider}.`);
    }
    byProvider.set(l.provider, l.subject);
  }
  if (all.length > MAX_LOGINS_PER_IDENTITY) {
    throw serviceError(
      "CognitoLimitExceeded",
      `An identity can have at most ${MAX_LOGINS_PER_IDENTITY} linked logins.`,
    );
  }
  return all;
}

function pickSurvivor(
  identities: readonly IdentityRecord[],
  owners: ReadonlySet<string>,
  plan: LinkPlan,
): IdentityRecord {
  if (plan.survivor === "anchor") {
    const anchor = identities.find((i) => i.identityId === plan.anchorId);
    if (anchor) return anchor;
  }
  const candidates =
    plan.survivor === "login-owner" && owners.size > 0
      ? identities.filter((i) => owners.has(i.identityId))
      : identities;
  const sorted = [...candidates].sort(
    (a, b) => a.createdAtMs - b.createdAtMs || a.identityId.localeCompare(b.identityId),
  );
  const first = sorted[0];
  if (!first) throw new Error("no identity to keep");
  return first;
}

interface Linked {
  readonly identityId: string;
  /** A new identity was made (reported once the transaction commits). */
  readonly created: boolean;
}

async function attempt(tx: Repositories, deps: LinkDeps, plan: LinkPlan): Promise<Linked> {
  const now = deps.clock.nowMs();
  const found = await tx.logins.findByLogins(plan.poolId, plan.logins);
  const owners = new Set(found.map((l) => l.identityId));
  const involvedIds = new Set(owners);
  if (plan.anchorId !== undefined) involvedIds.add(plan.anchorId);
  if (involvedIds.size === 0) {
    // No login known anywhere: one new identity linked to all of them.
    const identityId = regionalId(deps.region, deps.ids);
    mergedLogins([], plan.logins);
    await tx.identities.create({
      identityId,
      poolId: plan.poolId,
      createdAtMs: now,
      modifiedAtMs: now,
      mergedInto: undefined,
      disabledAtMs: undefined,
    });
    const inserted = await tx.logins.insert(
      plan.logins.map((l) => ({ ...l, poolId: plan.poolId, identityId })),
      now,
    );
    if (inserted !== plan.logins.length) throw new LostRace();
    return { identityId, created: true };
  }
  const identities: IdentityRecord[] = [];
  for (const id of involvedIds) {
    const identity = await tx.identities.get(id);
    if (identity) identities.push(identity);
  }
  const survivor = pickSurvivor(identities, owners, plan);
  const others = identities.filter((i) => i.identityId !== survivor.identityId).map((i) => i.identityId);
  const existing = await tx.logins.listForIdentities([survivor.identityId, ...others]);
  const after = mergedLogins(existing, plan.logins);
  const missing = after.filter((l) => !existing.some((e) => sameLogin(e, l)));
  if (others.length === 0 && missing.length === 0) return { identityId: survivor.identityId, created: false };
  await tx.logins.moveAll(others, survivor.identityId);
  await tx.identities.markMerged(others, survivor.identityId, now);
  const inserted = await tx.logins.insert(
    missing.map((l) => ({ ...l, poolId: plan.poolId, identityId: survivor.identityId })),
    now,
  );
  if (inserted !== missing.length) throw new LostRace();
  await tx.identities.touch(survivor.identityId, now);
  return { identityId: survivor.identityId, created: false };
}

/**
 * Links logins to an identity, creating or merging identities as Cognito does (reference §3.2–3.4),
 * atomically. One identity per (pool, provider, subject) is the database's unique key; a collision
 * with a concurrent writer rolls back and starts over, so concurrent calls agree on one id.
 */
export async function linkLogins(deps: LinkDeps, plan: LinkPlan): Promise<string> {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    try {
      const linked = await deps.store.transaction((tx) => attempt(tx, deps, plan));
      if (linked.created)
        deps.events.emit({ type: "identity_created", poolId: plan.poolId, identityId: linked.identityId });
      return linked.identityId;
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
    }
  }
  throw serviceError("ResourceConflict", "The logins were changed concurrently by another request; retry the request.");
}

/** The identity every login already belongs to, if they all belong to one; no write. */
export function soleOwner(found: readonly LoginRecord[], wanted: readonly LoginKey[]): string | undefined {
  if (found.length !== wanted.length || found.length === 0) return undefined;
  const id = found[0]?.identityId;
  return found.every((l) => l.identityId === id) ? id : undefined;
}
