import type { CredentialLookup } from "../auth/index.js";
import type { GatewaySettings } from "../config/index.js";
import type { PolicyDocument } from "../iam/index.js";
import type { Clock, Logger, PrincipalSession } from "../shared/index.js";
import type { RevocationList } from "../sts/index.js";

/** The policies that decide for a session, read from the store and kept parsed (authorize/policies.ts). */
export interface PolicySource {
  /** The role's permission policies (inline and attached); undefined when the role is gone. */
  rolePolicies(roleArn: string): Promise<readonly PolicyDocument[] | undefined>;
  /** The session policies it was issued with (Policy, PolicyArns); undefined when it has none. */
  sessionPolicies(session: PrincipalSession): Promise<readonly PolicyDocument[] | undefined>;
}

/** What the gateway needs from the composition root (src/app/gateway.ts). */
export interface GatewayDeps {
  readonly settings: GatewaySettings;
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  /** Root credentials and temporary credentials, as `serve` resolves them. */
  readonly lookup: CredentialLookup;
  readonly revocations: RevocationList;
  readonly policies: PolicySource;
  readonly log: Logger;
  /**
   * One line per request (method, execute-api resource, caller ARN, status, refusal message): flat
   * fields without secrets, so the root logger's redaction may be off for it, as for serve's access line.
   */
  readonly accessLog: Logger;
  /** `GET /healthz`: 200 when the store answers, 503 otherwise (as serve's). */
  readonly health: () => Promise<{ readonly status: number; readonly body: unknown }>;
}
