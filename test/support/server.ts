import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { type RunningApp, startApp } from "../../src/app/index.js";
import { createLogger } from "../../src/app/logger.js";
import { loadConfig } from "../../src/config/index.js";
import type { Clock, EventSink } from "../../src/shared/index.js";

export const TEST_ROOT = {
  accessKeyId: "AKIATESTROOT0000000A",
  secretAccessKey: "test-root-secret-0123456789abcdefghij",
};

export interface TestServer {
  readonly app: RunningApp;
  readonly url: string;
  readonly dataDir: string;
  /** Every log line the server wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
  readonly cognito: CognitoIdentityClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  readonly env?: Record<string, string>;
  readonly flags?: Record<string, string | boolean>;
  readonly clock?: Clock;
  /** Keep an existing data directory (restart tests). */
  readonly dataDir?: string;
  /** Receivers of the service's events (recorded by the telemetry tests). */
  readonly eventSinks?: readonly EventSink[];
  /** Serve beside other processes on the same store, as each `--workers` worker does. */
  readonly sharedWithOtherProcesses?: boolean;
}

/** A real listening idpool on 127.0.0.1 with a fresh SQLite store, plus official SDK clients. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "idpool-test-"));
  const env = {
    IDPOOL_ROOT_ACCESS_KEY_ID: TEST_ROOT.accessKeyId,
    IDPOOL_ROOT_SECRET_ACCESS_KEY: TEST_ROOT.secretAccessKey,
    ...options.env,
  };
  const config = loadConfig({ port: "0", dataDir, ...options.flags }, env);
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) logLines.push(JSON.parse(line));
      done();
    },
  });
  const app = await startApp({
    config,
    log: createLogger("debug", sink),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.eventSinks ? { eventSinks: options.eventSinks } : {}),
    ...(options.sharedWithOtherProcesses ? { sharedWithOtherProcesses: true } : {}),
  });
  const clientConfig = { endpoint: app.url, region: config.region, credentials: TEST_ROOT, maxAttempts: 1 };
  const cognito = new CognitoIdentityClient(clientConfig);
  const iam = new IAMClient(clientConfig);
  const sts = new STSClient(clientConfig);
  return {
    app,
    url: app.url,
    dataDir,
    logLines,
    cognito,
    iam,
    sts,
    async stop() {
      cognito.destroy();
      iam.destroy();
      sts.destroy();
      await app.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` and returns the error it threw; fails the test when it did not throw. */
export async function errorOf(
  fn: () => Promise<unknown>,
): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error("expected the call to fail, and it succeeded");
}

/** Temporary credentials as GetCredentialsForIdentity returns them (`SecretKey`), for an SDK client. */
export function cognitoCredentials(
  c:
    | { AccessKeyId?: string | undefined; SecretKey?: string | undefined; SessionToken?: string | undefined }
    | undefined,
) {
  return {
    accessKeyId: c?.AccessKeyId ?? "",
    secretAccessKey: c?.SecretKey ?? "",
    sessionToken: c?.SessionToken ?? "",
  };
}

/** SDK client settings that sign with temporary credentials as STS returns them. */
export function signedWithSession(
  endpoint: string,
  c:
    | { AccessKeyId?: string | undefined; SecretAccessKey?: string | undefined; SessionToken?: string | undefined }
    | undefined,
) {
  return {
    endpoint,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: {
      accessKeyId: c?.AccessKeyId ?? "",
      secretAccessKey: c?.SecretAccessKey ?? "",
      sessionToken: c?.SessionToken ?? "",
    },
  };
}
