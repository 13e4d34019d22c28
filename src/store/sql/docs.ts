import type { IdentityPoolRecord, OidcProviderRecord, RoleRecord } from "../records.js";

/**
 * Document columns: the record minus what lives in real columns. Parsing trusts the shape because
 * only this module writes these documents.
 */
export function toMs(value: number | string | bigint): number {
  return Number(value);
}

type ProviderDoc = Omit<OidcProviderRecord, "arn" | "url" | "createdAtMs" | "version">;
type RoleDoc = Omit<RoleRecord, "createdAtMs" | "version">;
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
  const { createdAtMs: _c, version: _v, ...doc } = r;
  return JSON.stringify(doc satisfies RoleDoc);
}

export function roleFromRow(row: { doc: string; created_at_ms: number | string; version: number }): RoleRecord {
  const doc = JSON.parse(row.doc) as RoleDoc;
  return {
    ...doc,
    description: doc.description ?? undefined,
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
