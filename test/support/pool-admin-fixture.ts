import { CreateIdentityPoolCommand, type CreateIdentityPoolCommandOutput } from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "./server.js";

/** A user pool as a pool's CognitoIdentityProviders name it (reference §2.3). */
export const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123";

export interface PoolAdmin {
  readonly server: TestServer;
  /** An OpenID Connect provider registered in IAM, for pools that name one. */
  readonly oidcArn: string;
  /** A pool without guests or providers. */
  createPool(name?: string): Promise<CreateIdentityPoolCommandOutput>;
}

/**
 * The server the pool-administration suites share, started before the file's tests and stopped
 * after: its fields are set once `beforeAll` has run.
 */
export function usePoolAdminServer(): PoolAdmin {
  const admin = {
    createPool: (name = "pool") =>
      admin.server.cognito.send(
        new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: false }),
      ),
  } as { server: TestServer; oidcArn: string } & Pick<PoolAdmin, "createPool">;
  beforeAll(async () => {
    admin.server = await startTestServer();
    const created = await admin.server.iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: "https://idp.example.com", ClientIDList: ["app"] }),
    );
    admin.oidcArn = created.OpenIDConnectProviderArn ?? "";
  });
  afterAll(() => admin.server.stop());
  return admin;
}

/** An SDK output without `$metadata`, to compare with what the wire should carry. */
export const withoutMetadata = <T extends { $metadata?: unknown }>(out: T): Omit<T, "$metadata"> => {
  const { $metadata: _m, ...rest } = out;
  return rest;
};
