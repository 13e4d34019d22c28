import { describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import { type SignedRequest, verifySigV4 } from "./index.js";
import {
  fixtureLookup,
  NOW_MS,
  ROOT_KEY,
  SESSION_KEY,
  type SignInput,
  sdkHeaders,
  signWithSmithy,
} from "./test-support.js";

/** mulberry32: a small seeded PRNG, so a failure names a reproducible case. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ["cognito-identity", "iam", "sts"] as const;
const REGIONS = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1", "sa-east-1", "idpool-local"];
const TEXT_CHARS = "abcXYZ019-._~ !$&'()*+,;=:@%/?#[]\"<>\\^`{|}üé☃ሴ𝄞";
const HEADER_CHARS = "abcXYZ019-._~ !$&'()*+,;=:@%/?#\t  ";

function generator(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const text = (chars: string, max: number) => {
    const pool = [...chars];
    return Array.from({ length: int(max + 1) }, () => pick(pool)).join("");
  };
  return { int, pick, text };
}

function randomRequest(seed: number): { input: SignInput; service: (typeof SERVICES)[number]; session: boolean } {
  const { int, pick, text } = generator(prng(seed));
  const service = pick(SERVICES);
  const session = int(2) === 1;
  const key = session ? SESSION_KEY : ROOT_KEY;
  const bodyKind = int(5);
  const body =
    bodyKind === 0
      ? ""
      : bodyKind === 1
        ? JSON.stringify({ Name: text(TEXT_CHARS, 30) })
        : bodyKind === 2
          ? `Action=X&V=${encodeURIComponent(text(TEXT_CHARS, 20))}`
          : bodyKind === 3
            ? text(TEXT_CHARS, 50)
            : Buffer.from(Array.from({ length: int(64) }, () => int(256)));
  // Path segments are percent-encoded as the SDK encodes labels; the signer encodes them again.
  const path =
    int(3) === 0
      ? "/"
      : `/${Array.from({ length: 1 + int(4) }, () => encodeURIComponent(text(TEXT_CHARS, 8))).join("/")}${int(2) ? "/" : ""}`;
  const query: Record<string, string | string[]> = {};
  for (let i = int(4); i > 0; i--) {
    const k = text(TEXT_CHARS, 6) || "k";
    query[k] = int(3) === 0 ? Array.from({ length: 1 + int(3) }, () => text(TEXT_CHARS, 5)) : text(TEXT_CHARS, 8);
  }
  const headers: Record<string, string> = int(2)
    ? sdkHeaders(service, typeof body === "string" ? body : "")
    : { host: `127.0.0.1:${1024 + int(60000)}` };
  for (let i = int(4); i > 0; i--) headers[`x-rnd-${i}`] = `v${text(HEADER_CHARS, 12)}`;
  const input: SignInput = {
    service,
    region: pick(REGIONS),
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey,
    ...(session ? { sessionToken: SESSION_KEY.sessionToken } : {}),
    signingDate: new Date(NOW_MS - int(14 * 60_000)),
    method: pick(["POST", "GET", "PUT"]),
    path,
    query,
    headers,
    unsignedHeaders: int(2) ? { "user-agent": "aws-sdk-js/3", "x-forwarded-for": "10.1.2.3" } : {},
    body,
    contentSha256: int(3) === 0 ? "none" : "signer",
  };
  return { input, service, session };
}

function tamper(req: SignedRequest, seed: number): { req: SignedRequest; what: string } {
  const { int, pick } = generator(prng(seed ^ 0x5eed));
  const choice = int(5);
  if (choice === 0) {
    const body = Buffer.from(req.body.length === 0 ? Buffer.from([0]) : req.body);
    if (req.body.length > 0) {
      const at = int(body.length);
      body[at] = (body[at] ?? 0) ^ (1 + int(255));
    }
    return { req: { ...req, body }, what: "body" };
  }
  if (choice === 1) return { req: { ...req, method: req.method === "POST" ? "PUT" : "POST" }, what: "method" };
  if (choice === 2) {
    const [path, query] = req.rawPath.split("?");
    return { req: { ...req, rawPath: `${path}z${query === undefined ? "" : `?${query}`}` }, what: "path" };
  }
  if (choice === 3)
    return { req: { ...req, rawPath: `${req.rawPath}${req.rawPath.includes("?") ? "&" : "?"}added=1` }, what: "query" };
  const signed =
    String(req.headers.authorization)
      .match(/SignedHeaders=([^,]+)/)?.[1]
      ?.split(";") ?? [];
  const name = pick(
    signed.filter((n) => n !== "x-amz-date" && n !== "x-amz-security-token" && n !== "x-amz-content-sha256"),
  );
  return {
    req: { ...req, headers: { ...req.headers, [name]: `${String(req.headers[name])}x` } },
    what: `header ${name}`,
  };
}

describe("property: random requests signed by smithy verify, and a random change breaks them", () => {
  const clock = new ManualClock(NOW_MS);
  it("200 random requests", async () => {
    let accepted = 0;
    const tampered = new Map<string, number>();
    for (let seed = 1; seed <= 200; seed++) {
      const { input, service, session } = randomRequest(seed);
      const req = await signWithSmithy(input);
      const principal = await verifySigV4(req, { service, lookup: fixtureLookup, clock }).catch((e: unknown) => {
        throw new Error(
          `seed ${seed} refused: ${String(e)} ${JSON.stringify({ ...req, body: req.body.toString("base64") })}`,
        );
      });
      expect(principal).toEqual(session ? SESSION_KEY.principal : ROOT_KEY.principal);
      accepted++;

      const { req: changed, what } = tamper(req, seed);
      const error: unknown = await verifySigV4(changed, { service, lookup: fixtureLookup, clock }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `seed ${seed}: ${what} change accepted`).toMatchObject({ code: "InvalidSignatureException" });
      tampered.set(what.split(" ")[0] ?? what, (tampered.get(what.split(" ")[0] ?? what) ?? 0) + 1);
    }
    expect(accepted).toBe(200);
    // Every kind of change was exercised.
    expect([...tampered.keys()].sort()).toEqual(["body", "header", "method", "path", "query"]);
  });
});
