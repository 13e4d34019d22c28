/**
 * Crypto ceilings through node:crypto, as idpool uses it: RS256 verifications (a provider's ID
 * token, oidc/signature.ts) and RS512 signatures on libuv's thread pool (idpool's own OpenID
 * tokens, tokens/sign-rs512.ts), each with `inFlight` operations outstanding for `seconds`.
 * Prints one JSON line. Run: node --import tsx bench/crypto-ceiling.ts <seconds> <inFlight>
 * With `rs512-at-once <warmupSeconds>` after them: RS512 signatures only, beside GetOpenIdToken
 * (rs512-at-once.ts): prints `ready`, starts on a line from stdin, signs for the warm-up, then
 * prints the rate and the process's CPU per signature (every thread) over `seconds`.
 */

import { generateKeyPairSync, sign, verify } from "node:crypto";
import { once } from "node:events";

const seconds = Number(process.argv[2] ?? "5");
const inFlight = Number(process.argv[3] ?? "50");
const atOnce = process.argv[4] === "rs512-at-once";
const warmupSeconds = Number(process.argv[5] ?? "0");

async function rate(op: (i: number) => Promise<unknown>, forSeconds = seconds): Promise<number> {
  let done = 0;
  const end = performance.now() + forSeconds * 1000;
  const start = performance.now();
  const worker = async (offset: number) => {
    for (let i = offset; performance.now() < end; i += inFlight) {
      await op(i);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, k) => worker(k)));
  return (done * 1000) / (performance.now() - start);
}

const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const rs256 = generateKeyPairSync("rsa", { modulusLength: 2048 });
const idTokens = Array.from({ length: 100 }, (_, i) => {
  const input = `${segment({ alg: "RS256", kid: "k" })}.${segment({ sub: `user-${i}`, aud: "client-a", iss: "https://x" })}`;
  return { input: Buffer.from(input), signature: sign("sha256", Buffer.from(input), rs256.privateKey) };
});
const rs512 = generateKeyPairSync("rsa", { modulusLength: 2048 });
const now = Math.floor(Date.now() / 1000);

const verifyOne = async (i: number) => {
  const token = idTokens[i % idTokens.length];
  if (!token || !verify("sha256", token.input, rs256.publicKey, token.signature)) throw new Error("no verify");
};
const signOne = (i: number) =>
  new Promise<string>((resolve, reject) => {
    const claims = { amr: ["authenticated"], sub: `us-east-1:${i}`, aud: "us-east-1:pool", iat: now, exp: now + 600 };
    const input = `${segment({ kid: "k", typ: "JWS", alg: "RS512" })}.${segment({ ...claims, iss: "http://127.0.0.1" })}`;
    sign("sha512", Buffer.from(input), rs512.privateKey, (error, signature) =>
      error ? reject(error) : resolve(`${input}.${signature.toString("base64url")}`),
    );
  });
// Short warm-ups so both start with compiled code and a busy thread pool.
await Promise.all(Array.from({ length: 200 }, (_, i) => verifyOne(i)));
await Promise.all(Array.from({ length: 50 }, (_, i) => signOne(i)));
if (atOnce) {
  process.stdout.write("ready\n");
  await once(process.stdin, "data");
  if (warmupSeconds > 0) await rate(signOne, warmupSeconds);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const rs512SignPerSecond = await rate(signOne);
  const used = process.cpuUsage(cpu);
  const signatures = (rs512SignPerSecond * (performance.now() - started)) / 1000;
  const cpuMicrosPerSign = signatures > 0 ? (used.user + used.system) / signatures : 0;
  process.stdout.write(`${JSON.stringify({ rs512SignPerSecond, cpuMicrosPerSign })}\n`);
  process.exit(0);
}
const rs256VerifyPerSecond = await rate(verifyOne);
const rs512SignPerSecond = await rate(signOne);
process.stdout.write(`${JSON.stringify({ rs256VerifyPerSecond, rs512SignPerSecond })}\n`);
