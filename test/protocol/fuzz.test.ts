import { request } from "node:http";
import { CreateIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signWithSmithy } from "../../src/auth/test-support.js";
import { freshDatabase } from "../support/postgres.js";
import { startTestServer, TEST_ROOT, type TestServer } from "../support/server.js";

/**
 * A bounded fuzz loop (a few seconds, a fixed seed): requests built from pieces of real ones and
 * random bytes. Whatever arrives, idpool answers in the protocol's error shape with a 4xx, never a
 * 5xx, and keeps serving.
 */
const SEED = 20261201;
const MAX_REQUESTS = 1500;
const MAX_MS = 3000;

/** mulberry32: a small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TARGETS = ["GetId", "GetCredentialsForIdentity", "GetOpenIdToken", "CreateIdentityPool", "Nope", "", "GetId%00"];
const ACTIONS = ["GetCallerIdentity", "AssumeRoleWithWebIdentity", "CreateRole", "ListRoles", "Bogus"];
const VALUES: unknown[] = [
  "",
  "x",
  "us-east-1:00000000-0000-4000-8000-000000000000",
  "\u0000",
  "é".repeat(300),
  "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
  -1,
  0,
  1e300,
  2 ** 53 + 1,
  1.5,
  true,
  null,
  [],
  {},
  { a: { b: { c: [1, 2, { d: "e" }] } } },
  ["a", 1, null],
];

function fuzzRequest(random: () => number): { headers: Record<string, string>; body: string; path: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const kind = Math.floor(random() * 4);
  if (kind === 0) {
    // JSON 1.1 with random members of random types.
    const body: Record<string, unknown> = {};
    for (const member of ["IdentityPoolId", "IdentityId", "Logins", "IdentityPoolName", "MaxResults", "Zzz"]) {
      if (random() < 0.5) body[member] = pick(VALUES);
    }
    if (random() < 0.3) body.Logins = { [pick(["a.example", "", "\u0000", "x".repeat(200)])]: pick(VALUES) };
    return {
      path: "/",
      headers: {
        "content-type": pick(["application/x-amz-json-1.1", "application/json", "text/plain", ""]),
        "x-amz-target": `AWSCognitoIdentityService.${pick(TARGETS)}`,
      },
      body: random() < 0.1 ? JSON.stringify(body).slice(0, Math.floor(random() * 20)) : JSON.stringify(body),
    };
  }
  if (kind === 1) {
    // AWS Query forms with random members and encodings.
    const parts = [`Action=${pick(ACTIONS)}`, `Version=${pick(["2011-06-15", "2010-05-08", "1999-01-01", ""])}`];
    for (let i = 0; i < Math.floor(random() * 6); i++) {
      parts.push(
        `${pick(["RoleArn", "WebIdentityToken", "RoleSessionName", "Tags.member.1.Key", "%ZZ", "a"])}=${encodeURIComponent(String(pick(VALUES)))}`,
      );
    }
    if (random() < 0.2) parts.push("%E0%A4%A");
    return {
      path: pick(["/", "/?Action=GetCallerIdentity", "/x"]),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: parts.join("&"),
    };
  }
  if (kind === 2) {
    // A signed-looking request with a broken Authorization header.
    return {
      path: "/",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSCognitoIdentityService.ListIdentityPools",
        "x-amz-date": pick(["20261201T000000Z", "garbage", ""]),
        authorization: pick([
          "AWS4-HMAC-SHA256 Credential=AKIA/20261201/us-east-1/cognito-identity/aws4_request, SignedHeaders=host, Signature=00",
          "AWS4-HMAC-SHA256 ",
          "Bearer x",
          "AWS4-HMAC-SHA256 Credential=,,,=,SignedHeaders=;;;,Signature=",
          "x".repeat(3000),
        ]),
      },
      body: '{"MaxResults":10}',
    };
  }
  // Random bytes under a random content type.
  const length = Math.floor(random() * 512);
  const bytes = Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 256))).join("");
  return {
    path: "/",
    headers: { "content-type": pick(["application/x-amz-json-1.1", "application/x-www-form-urlencoded"]) },
    body: bytes,
  };
}

/** Root-signed admin calls with fuzzed strings: these reach the store when they pass validation. */
async function signedFuzzRequest(random: () => number, host: string, developerPoolId: string) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const text = () => pick(["ok", "\u0000", "a\u0000b", "é", "\u0007", "x".repeat(129), " "]);
  const developer = random() < 0.5;
  const body = developer
    ? JSON.stringify({ IdentityPoolId: developerPoolId, Logins: { [DEVELOPER]: text() } })
    : JSON.stringify({
        IdentityPoolName: pick(["Fuzz", "fuzz pool", text()]),
        AllowUnauthenticatedIdentities: random() < 0.5,
        ...(random() < 0.6 ? { IdentityPoolTags: { [text()]: text() } } : {}),
        ...(random() < 0.4 ? { DeveloperProviderName: pick(["dev.example", text()]) } : {}),
        ...(random() < 0.3 ? { SupportedLoginProviders: { "accounts.google.com": text() } } : {}),
      });
  const signed = await signWithSmithy({
    service: "cognito-identity",
    region: "us-east-1",
    ...TEST_ROOT,
    signingDate: new Date(),
    headers: {
      host,
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityService.${developer ? "GetOpenIdTokenForDeveloperIdentity" : "CreateIdentityPool"}`,
    },
    body,
  });
  return { path: "/", headers: signed.headers as Record<string, string>, body: signed.body.toString("latin1") };
}

function send(url: string, r: { headers: Record<string, string>; body: string; path: string }) {
  return new Promise<number>((resolve, reject) => {
    const req = request(new URL(r.path, url), { method: "POST", headers: r.headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(Buffer.from(r.body, "latin1"));
  });
}

const DEVELOPER = "login.fuzz.example";
const postgres = inject("postgres");
const engines = postgres.available ? ["sqlite", "postgresql"] : ["sqlite"];

describe.each(engines)("fuzzed requests, on %s", (engine) => {
  let server: TestServer;
  let developerPoolId = "";
  beforeAll(async () => {
    const databaseUrl = postgres.available && engine === "postgresql" ? await freshDatabase(postgres.url) : undefined;
    server = await startTestServer(databaseUrl ? { flags: { databaseUrl } } : {});
    const pool = await server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "Developers",
        AllowUnauthenticatedIdentities: false,
        DeveloperProviderName: DEVELOPER,
      }),
    );
    developerPoolId = pool.IdentityPoolId ?? "";
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`get a 4xx (never a 5xx) for ${MAX_REQUESTS} requests or ${MAX_MS} ms, and the server keeps serving`, async () => {
    const random = generator(SEED);
    const started = Date.now();
    const statuses = new Map<number, number>();
    let sent = 0;
    while (sent < MAX_REQUESTS && Date.now() - started < MAX_MS) {
      const r =
        random() < 0.25
          ? await signedFuzzRequest(random, new URL(server.url).host, developerPoolId)
          : fuzzRequest(random);
      const status = await send(server.url, r);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) {
        const logged = server.logLines.filter((l) => l.level === 50).map((l) => JSON.stringify(l).slice(0, 800));
        throw new Error(
          `request ${sent} got ${status}: ${JSON.stringify(r).slice(0, 500)}\nserver: ${logged.join("\n")}`,
        );
      }
      sent++;
    }
    expect(sent).toBeGreaterThan(100);
    expect([...statuses.keys()].every((s) => s >= 200 && s < 500)).toBe(true);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
