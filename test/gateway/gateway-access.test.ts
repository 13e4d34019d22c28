import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ARN, type GatewayFixture, smithySigned, startGatewayFixture } from "../support/gateway-fixture.js";
import { TEST_ROOT } from "../support/server.js";

/** Who may invoke what through `idpool gateway`, by the role's policies (README: "Protect your own API"). */

let f: GatewayFixture;

beforeAll(async () => {
  f = await startGatewayFixture();
  await f.setAuthPolicy([
    { Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API_ARN}/GET/public/*` },
    // Each user may reach only their own path: the principal tag `username` is the token's sub.
    { Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API_ARN}/*/users/\${aws:PrincipalTag/username}/*` },
    { Effect: "Allow", Action: "execute-api:*", Resource: `${API_ARN}/*/admin/*` },
    { Effect: "Deny", Action: "execute-api:Invoke", Resource: `${API_ARN}/DELETE/admin/*` },
  ]);
  await f.setGuestPolicy([{ Effect: "Allow", Action: "*", Resource: "*" }]);
});
afterAll(() => f?.stop());

describe("idpool gateway: policies decide", () => {
  it("forwards an allowed request with headers the upstream can trust, and answers with the upstream's answer", async () => {
    const creds = await f.userCredentials("alice");
    const out = await smithySigned(f.gateway.url, creds, { path: "/public/hello?x=1" });
    expect(out.status).toBe(200);
    expect(out.headers.get("x-upstream")).toBe("yes");
    expect(out.json.url).toBe("/public/hello?x=1");
    const headers = out.json.headers as Record<string, string>;
    expect(headers["x-idpool-role-arn"]).toBe(f.pool.authRoleArn);
    expect(headers["x-idpool-identity-id"]).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(JSON.parse(headers["x-idpool-principal-tags"] ?? "")).toEqual({ username: "alice" });
    // The caller's credentials stay at the gateway.
    expect(headers.authorization).toBeUndefined();
    expect(headers["x-amz-security-token"]).toBeUndefined();
  });

  it("refuses with 403 and API Gateway's message when nothing allows, and says 'explicit deny' when a Deny matched", async () => {
    const creds = await f.userCredentials("alice");
    const arn = "arn:aws:sts::000000000000:assumed-role/FixtureAuth/CognitoIdentityCredentials";
    const none = await smithySigned(f.gateway.url, creds, { method: "POST", path: "/public/hello", body: "{}" });
    expect([none.status, none.json]).toEqual([
      403,
      {
        message: `User: ${arn} is not authorized to perform: execute-api:Invoke on resource: ${API_ARN}/POST/public/hello`,
      },
    ]);
    expect((await smithySigned(f.gateway.url, creds, { method: "GET", path: "/admin/users" })).status).toBe(200);
    const denied = await smithySigned(f.gateway.url, creds, { method: "DELETE", path: "/admin/users" });
    expect([denied.status, denied.json]).toEqual([
      403,
      {
        message: `User: ${arn} is not authorized to perform: execute-api:Invoke on resource: ${API_ARN}/DELETE/admin/users with an explicit deny`,
      },
    ]);
  });

  it("lets a principal-tag variable in the resource allow a user's own path and deny another's", async () => {
    const alice = await f.userCredentials("alice");
    const bob = await f.userCredentials("bob");
    expect((await smithySigned(f.gateway.url, alice, { path: "/users/alice/orders" })).status).toBe(200);
    expect((await smithySigned(f.gateway.url, bob, { path: "/users/bob/orders" })).status).toBe(200);
    const other = await smithySigned(f.gateway.url, bob, { path: "/users/alice/orders" });
    expect(other.status).toBe(403);
    expect(String(other.json.message)).toContain(`on resource: ${API_ARN}/GET/users/alice/orders`);
  });

  it("scopes guests down to Cognito's session policy: a role allowing everything still reaches only listed services", async () => {
    const guest = await f.guestCredentials();
    // execute-api is in the guests' scope-down, so the guest role's "*" lets the request through.
    const out = await smithySigned(f.gateway.url, guest, { method: "PUT", path: "/anything", body: "x" });
    expect(out.status).toBe(200);
    expect((out.json.headers as Record<string, string>)["x-idpool-role-arn"]).toBe(f.pool.unauthRoleArn);
  });

  it("never lets a caller-sent x-idpool-* header reach the upstream", async () => {
    const creds = await f.userCredentials("carol");
    const out = await smithySigned(f.gateway.url, creds, {
      path: "/users/carol/profile",
      headers: { "x-idpool-identity-id": "us-east-1:00000000-0000-0000-0000-000000000000", "x-idpool-extra": "1" },
    });
    expect(out.status).toBe(200);
    const headers = out.json.headers as Record<string, string>;
    expect(headers["x-idpool-identity-id"]).not.toBe("us-east-1:00000000-0000-0000-0000-000000000000");
    expect(headers["x-idpool-identity-id"]).toMatch(/^us-east-1:/);
    expect(headers["x-idpool-extra"]).toBeUndefined();
  });

  it("always allows the root credentials (the account itself), and forwards no session headers for them", async () => {
    const out = await smithySigned(f.gateway.url, TEST_ROOT, { method: "DELETE", path: "/admin/users" });
    expect(out.status).toBe(200);
    const headers = out.json.headers as Record<string, string>;
    expect(headers["x-idpool-role-arn"]).toBeUndefined();
    expect(headers["x-idpool-identity-id"]).toBeUndefined();
  });

  it("picks up a policy change within seconds, for credentials already issued", async () => {
    const creds = await f.userCredentials("dave");
    expect((await smithySigned(f.gateway.url, creds, { path: "/public/news" })).status).toBe(200);
    await f.setAuthPolicy([{ Effect: "Allow", Action: "execute-api:Invoke", Resource: `${API_ARN}/GET/private/*` }]);
    let status = 200;
    const deadline = Date.now() + 5000;
    while (status === 200 && Date.now() < deadline) {
      status = (await smithySigned(f.gateway.url, creds, { path: "/public/news" })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(403);
    expect((await smithySigned(f.gateway.url, creds, { path: "/private/x" })).status).toBe(200);
  });

  it("answers /healthz itself, unsigned", async () => {
    const res = await fetch(`${f.gateway.url}/healthz`);
    expect([res.status, await res.json()]).toEqual([200, { status: "ok" }]);
  });
});
