import { GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll } from "vitest";
import {
  ACCOUNT,
  API_ARN,
  type Credentials,
  type GatewayAnswer,
  type GatewayFixture,
  smithySigned,
  startGatewayFixture,
} from "../support/gateway-fixture.js";
import { cognitoCredentials, TEST_ROOT } from "../support/server.js";

/** What the fixture's enhanced flow signs in as (its authenticated role, Cognito's session name). */
export const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/FixtureAuth/CognitoIdentityCredentials`;

export interface SignedIn {
  readonly identityId: string;
  readonly logins: Record<string, string>;
  readonly creds: Credentials;
}

export interface RevocationRig {
  /** A server and a gateway that lets the pool's authenticated role invoke the whole API. */
  readonly f: GatewayFixture;
  /** The environment `idpool revoke` reads: the server's endpoint and root credentials. */
  readonly env: Record<string, string>;
  /** The enhanced flow for the test provider's user `sub`, keeping the identity id and logins. */
  signIn(sub: string): Promise<SignedIn>;
  /** A signed request to the gateway (GET /orders unless told), as the app would send it. */
  invoke(creds: Credentials, path?: string): Promise<GatewayAnswer>;
  /** STS GetCallerIdentity with `creds`: the session's ARN, or the error the server answers. */
  callerArn(creds: Credentials): Promise<string | undefined>;
  /** Asks the gateway until `settled` holds (it re-reads policies and revocations on a timer), up to 5 s. */
  gatewayUntil(creds: Credentials, settled: (status: number) => boolean, path?: string): Promise<GatewayAnswer>;
}

/** The revocation suites' shared rig, started before the file's tests and stopped after. */
export function useRevocationRig(): RevocationRig {
  const rig = {
    async signIn(sub: string) {
      const { server, poolId, idp } = rig.f.pool;
      const logins = { [idp.loginsKey]: await idp.issueToken({ sub }) };
      const { IdentityId } = await server.cognito.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
      const c = (await server.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })))
        .Credentials;
      return { identityId: IdentityId ?? "", logins, creds: cognitoCredentials(c) };
    },
    async callerArn(creds: Credentials) {
      const sts = new STSClient({
        endpoint: rig.f.pool.server.url,
        region: "us-east-1",
        maxAttempts: 1,
        credentials: creds,
      });
      try {
        return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
      } finally {
        sts.destroy();
      }
    },
    invoke: (creds: Credentials, path = "/orders") => smithySigned(rig.f.gateway.url, creds, { path }),
    async gatewayUntil(creds: Credentials, settled: (status: number) => boolean, path = "/orders") {
      const deadline = Date.now() + 5000;
      let answer = await rig.invoke(creds, path);
      while (!settled(answer.status) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        answer = await rig.invoke(creds, path);
      }
      return answer;
    },
  } as Omit<RevocationRig, "f" | "env"> & { f: GatewayFixture; env: Record<string, string> };
  beforeAll(async () => {
    rig.f = await startGatewayFixture();
    await rig.f.setAuthPolicy([{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API_ARN}/*` }]);
    rig.env = {
      IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
      IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
      IDPOOL_ENDPOINT: rig.f.pool.server.url,
    };
  });
  afterAll(() => rig.f?.stop());
  return rig;
}

/** Issue times are whole seconds: what is issued in the second after `ms` is not "before" it. */
export async function pastTheSecondOf(ms: number): Promise<void> {
  const nextSecondMs = Math.floor(ms / 1000) * 1000 + 1000;
  // A timer may fire a millisecond early by Date.now(): wait until the clock says so.
  while (Date.now() < nextSecondMs) await new Promise((r) => setTimeout(r, nextSecondMs - Date.now()));
}
