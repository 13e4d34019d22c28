// Calls your API through `idpool gateway` with an identity's credentials, signed as the AWS SDKs
// sign (SigV4, service execute-api). Prints each answer's status and body as JSON lines.
//
//   TOKEN=$(npx idpool dev token --sub alice) node examples/gateway/call-api.mjs
import { createHash, createHmac } from "node:crypto";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { SignatureV4 } from "@smithy/signature-v4";

const endpoint = process.env.IDPOOL_ENDPOINT ?? "http://127.0.0.1:4600";
const gateway = new URL(process.env.GATEWAY_URL ?? "http://127.0.0.1:4610");
const poolId = process.env.POOL_ID ?? "us-east-1:00000000-0000-4000-8000-000000000000";
const loginsKey = `${new URL(endpoint).host}/dev/idp/dev`;

// The SDK's signer takes a SHA-256 constructor; node:crypto's, in the shape it expects.
class Sha256 {
  constructor(secret) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", secret);
  }
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const provider = fromCognitoIdentityPool({
  identityPoolId: poolId,
  logins: { [loginsKey]: process.env.TOKEN },
  clientConfig: { endpoint, region: "us-east-1" },
});
const credentials = await provider();
const signer = new SignatureV4({ service: "execute-api", region: "us-east-1", credentials, sha256: Sha256 });

async function call(method, path, body) {
  const request = await signer.sign({
    method,
    protocol: gateway.protocol,
    hostname: gateway.hostname,
    port: Number(gateway.port),
    path,
    headers: { host: gateway.host, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body } : {}),
  });
  const res = await fetch(new URL(path, gateway), { method, headers: request.headers, body });
  console.log(JSON.stringify({ method, path, status: res.status, body: await res.json() }));
}

await call("GET", "/public/hello");
await call("PUT", `/users/${credentials.identityId}/profile`, JSON.stringify({ name: "Alice" }));
await call("GET", "/users/someone-else/profile");
