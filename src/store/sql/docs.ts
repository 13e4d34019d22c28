import type { IdentityPoolRecord, OidcProviderRecord, PolicyRecord, RoleRecord } from "../records.js";

/**
 * Document columns: the record minus what lives in real columns. Parsing trusts the shape because
 * only this module writes these documents.
 */
export function toMs(value: number | string | bigint): number {
  return Number(value);
}

type ProviderDoc = Omit<OidcProviderRecord, "arn" | "url" | "createdAtMs" | "version">;
/** Attachments are rows of their own (role_policy_attachments), never part of the document. */
type RoleDoc = Omit<RoleRecord, "attachedPolicyArns" | "createdAtMs" | "version">;
type PolicyDoc = Omit<PolicyRecord, "arn" | "createdAtMs" | "version">;
type PoolDoc = Omit<IdentityPoolRecord, "poolId" | "createdAtMs" | "version">;

export function providerDoc(r: OidcProviderRecord): string {
  const doc: ProviderDoc = { clientIds: r.clientIds, thumbprints: r.thumbprints, tags: r.tags };
  return JSON.stringify(doc);
}

export function providerFromRow(row: {
  arn: string;
  url: string;
  doc: string;
  created_at_ms: number | string;
  version: number;
}): OidcProviderRecord {
  const doc = JSON.parse(row.doc) as ProviderDoc;
  return { ...doc, arn: row.arn, url: row.url, createdAtMs: toMs(row.created_at_ms), version: row.version };
}

export function roleDoc(r: RoleRecord): string {
  const { attachedPolicyArns: _a, createdAtMs: _c, version: _v, ...doc } = r;
  return JSON.stringify(doc satisfies RoleDoc);
}

export function roleFromRow(
  row: { doc: string; created_at_ms: number | string; version: number },
  attachedPolicyArns: readonly string[],
): RoleRecord {
  const doc = JSON.parse(row.doc) as RoleDoc;
  return {
    ...doc,
    description: doc.description ?? undefined,
    attachedPolicyArns,
    createdAtMs: toMs(row.created_at_ms),
    version: row.version,
  };
}

export function policyDoc(r: PolicyRecord): string {
  const { arn: _a, createdAtMs: _c, version: _v, ...doc } = r;
  return JSON.stringify(doc satisfies PolicyDoc);
}

export function policyFromRow(row: {
  arn: string;
  doc: string;
  created_at_ms: number | string;
  version: number;
}): PolicyRecord {
  const doc = JSON.parse(row.doc) as PolicyDoc;
  return {
    ...doc,
    description: doc.description ?? undefined,
    arn: row.arn,
    createdAtMs: toMs(row.created_at_ms),
    version: row.version,
  };
}

export function poolDoc(r: IdentityPoolRecord): string {
  const { poolId: _p, createdAtMs: _c, version: _v, ...doc } = r;
  return JSON.stringify(doc satisfies PoolDoc);
}

export function poolFromRow(row: {
  pool_id: string;
  doc: string;
  created_at_ms: number | string;
  version: number;
}): IdentityPoolRecord {
  const doc = JSON.parse(row.doc) as PoolDoc;
  return {
    ...doc,
    developerProviderName: doc.developerProviderName ?? undefined,
    poolId: row.pool_id,
    createdAtMs: toMs(row.created_at_ms),
    version: row.version,
  };
}
