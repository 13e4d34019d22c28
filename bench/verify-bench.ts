/**
 * Verifications per second with cached keys: OidcVerifier.verify next to bare jose jwtVerify with a
 * local key, in the same process, alternating rounds so both see the same machine state.
 * Goal: verify ≥ 80% of bare jose. Run: npx tsx bench/verify-bench.ts
 */
import { importJWK, jwtVerify } from "jose";
import { OidcVerifier } from "../src/oidc/index.js";
import { systemClock } from "../src/shared/index.js";
import { startTestOidcProvider } from "../test/support/oidc-provider.js";
import { median } from "./median.js";

const ROUND_MS = 1_500;
const ROUNDS = 5;
const IN_FLIGHT = 32;

const idp = await startTestOidcProvider();
const provider = { url: idp.url, clientIds: [idp.clientId], thumbprints: [idp.ca.intermediate.thumbprint] };
const verifier = new OidcVerifier({
  clock: systemClock,
  trust: { trustPublicCa: false, allowHttpProviders: false },
  log: { warn: () => {}, info: () => {} },
});
const tokens = await Promise.all(Array.from({ length: 256 }, (_, i) => idp.issueToken({ sub: `user-${i}` })));
const jwk = idp.publishedJwks().keys[0];
if (!jwk) throw new Error("no key");
const localKey = await importJWK(jwk, "RS256");

const ours = async (token: string) => {
  const outcome = await verifier.verify(token, provider, idp.loginsKey);
  if (!outcome.ok) throw new Error(outcome.rejection.reason);
};
const bare = async (token: string) => {
  await jwtVerify(token, localKey, {
    issuer: idp.url,
    audience: idp.clientId,
    algorithms: ["RS256"],
    requiredClaims: ["exp"],
    clockTolerance: 300,
  });
};

/** Verifications per second over one round, with `inFlight` verifications outstanding. */
async function round(fn: (token: string) => Promise<void>, inFlight: number): Promise<number> {
  let done = 0;
  const end = performance.now() + ROUND_MS;
  const worker = async (offset: number) => {
    for (let i = offset; performance.now() < end; i += inFlight) {
      await fn(tokens[i % tokens.length] ?? "");
      done += 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, (_, k) => worker(k)));
  return (done * 1000) / (performance.now() - start);
}

await ours(tokens[0] ?? ""); // fetch and cache the keys
const requestsBefore = idp.requestCount(idp.jwksPath);
for (const inFlight of [1, IN_FLIGHT]) {
  await round(ours, inFlight); // warm-up
  await round(bare, inFlight);
  const oursRates: number[] = [];
  const bareRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bareRates.push(await round(bare, inFlight));
    oursRates.push(await round(ours, inFlight));
  }
  const o = median(oursRates);
  const b = median(bareRates);
  process.stdout.write(
    `in flight ${String(inFlight).padStart(2)}: OidcVerifier.verify ${o.toFixed(0)}/s, bare jose jwtVerify ${b.toFixed(0)}/s, ratio ${((o / b) * 100).toFixed(1)}%\n`,
  );
}
process.stdout.write(`JWKS requests during the benchmark: ${idp.requestCount(idp.jwksPath) - requestsBefore}\n`);
verifier.close();
await idp.stop();
