/**
 * Tables shared by every engine. Admin objects are JSON documents in a `doc` text column with a
 * `version` for optimistic updates; what must be unique or looked up is a real column.
 * Timestamps are epoch milliseconds in 64-bit integer columns.
 */
export interface Database {
  oidc_providers: { arn: string; url: string; doc: string; created_at_ms: number | string; version: number };
  roles: { name_key: string; doc: string; created_at_ms: number | string; version: number };
  policies: { arn: string; name_key: string; doc: string; created_at_ms: number | string; version: number };
  role_policy_attachments: { role_key: string; policy_arn: string };
  identity_pools: { pool_id: string; doc: string; created_at_ms: number | string; version: number };
  identities: {
    identity_id: string;
    pool_id: string;
    created_at_ms: number | string;
    modified_at_ms: number | string;
    merged_into: string | null;
    disabled_at_ms: number | string | null;
  };
  logins: {
    pool_id: string;
    provider: string;
    subject: string;
    identity_id: string;
    created_at_ms: number | string;
    developer: number;
  };
  settings: { key: string; value: string };
  signing_keys: {
    kid: string;
    private_jwk: string;
    public_jwk: string;
    created_at_ms: number | string;
    superseded_at_ms: number | string | null;
  };
  config_version: { id: number; version: number | string };
  sealing_keys: { key_id: string; secret: string; created_at_ms: number | string };
  revocations: { scope: string; target: string; issued_before_ms: number | string; created_at_ms: number | string };
}
