/**
 * The APIs the console calls, all at the page's own origin with the signed-in key: the official SDK
 * clients for Cognito Identity, IAM and STS (they sign with SigV4 themselves) and callIdpool for
 * idpool's own operations. No other place is fetched.
 */
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import type { Session } from "./session.js";
import { callIdpool } from "./signing.js";

export interface Api {
  readonly cognito: CognitoIdentityClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  idpool(operation: string, input?: Record<string, unknown>): Promise<Record<string, unknown>>;
  readonly session: Session;
  destroy(): void;
}

export const endpoint = (): string => location.origin;

export function clientsFor(session: Omit<Session, "arn" | "account">): Pick<Api, "cognito" | "iam" | "sts"> {
  const config = { endpoint: endpoint(), region: session.region, credentials: session.credentials, maxAttempts: 1 };
  return { cognito: new CognitoIdentityClient(config), iam: new IAMClient(config), sts: new STSClient(config) };
}

export function apiFor(session: Session): Api {
  const clients = clientsFor(session);
  return {
    ...clients,
    session,
    idpool: (operation, input = {}) =>
      callIdpool({ endpoint: endpoint(), region: session.region, credentials: session.credentials }, operation, input),
    destroy() {
      clients.cognito.destroy();
      clients.iam.destroy();
      clients.sts.destroy();
    },
  };
}
