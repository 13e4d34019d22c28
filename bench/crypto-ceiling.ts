/**
 * Crypto ceilings through jose, as idpool uses it: RS256 verifications (a provider's ID token,
 * compactVerify) and RS512 signatures (idpool's own OpenID tokens, SignJWT), each with `inFlight`
 * operations outstanding for `seconds`. WebCrypto runs them on libuv's thread pool, so one process
 * uses every core. Prints one JSON line. Run: node --import tsx bench/crypto-ceiling.ts <seconds> <inFlight>
 */
import { CompactSign, compactVerify, generateKeyPair, SignJWT } from "jose";

const seconds = Number(process.argv[2] ?? "5");
const inFlight = Number(process.argv[3] ?? "50");

async function rate(op: (i: number) => Promise<unknown>): Promise<number> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
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

const rs256 = await generateKeyPair("RS256", { modulusLength: 2048 });
const idTokens = await Promise.all(
  Array.from({ length: 100 }, (_, i) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify({ sub: `user-${i}`, aud: "client-a", iss: "https://x" })))
      .setProtectedHeader({ alg: "RS256", kid: "k" })
      .sign(rs256.privateKey),
  ),
);
const rs512 = await generateKeyPair("RS512", { modulusLength: 2048 });
const now = Math.floor(Date.now() / 1000);

// Short warm-ups so both start with compiled code and a busy thread pool.
const verify = (i: number) => compactVerify(idTokens[i % idTokens.length] ?? "", rs256.publicKey);
const sign = (i: number) =>
  new SignJWT({ amr: ["authenticated"] })
    .setProtectedHeader({ alg: "RS512", typ: "JWS", kid: "k" })
    .setSubject(`us-east-1:${i}`)
    .setAudience("us-east-1:pool")
    .setIssuer("http://127.0.0.1")
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(rs512.privateKey);
await Promise.all(Array.from({ length: 200 }, (_, i) => verify(i)));
await Promise.all(Array.from({ length: 50 }, (_, i) => sign(i)));
const rs256VerifyPerSecond = await rate(verify);
const rs512SignPerSecond = await rate(sign);
process.stdout.write(`${JSON.stringify({ rs256VerifyPerSecond, rs512SignPerSecond })}\n`);
