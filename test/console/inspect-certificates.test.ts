import { GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCaller, ApiError, httpCaller } from "../../src/setup/index.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { cognitoCredentials, errorOf, TEST_ROOT } from "../support/server.js";

let f: PoolFixture;
let root: ApiCaller;
beforeAll(async () => {
  f = await startPoolFixture();
  root = httpCaller({ endpoint: f.server.url, region: "us-east-1", credentials: TEST_ROOT });
});
afterAll(async () => {
  await f?.stop();
});

type WireHost = {
  Role: string;
  Url: string;
  Chain: { Subject: string; Issuer: string; Thumbprint: string; NotAfter: string }[];
  Problem?: string;
};

describe("IdpoolService.InspectProviderCertificates", () => {
  it("answers the discovery and jwks hosts' chains, with the test CA intermediate's thumbprint", async () => {
    const out = await root("idpool", "InspectProviderCertificates", { Url: f.idp.url });
    const hosts = out.Hosts as WireHost[];
    expect(hosts.map((h) => h.Role)).toEqual(["discovery", "jwks"]);
    expect(hosts[0]?.Url).toBe(`${f.idp.url.replace(/\/$/, "")}/.well-known/openid-configuration`);
    const intermediate = f.idp.ca.intermediate.thumbprint.toLowerCase();
    for (const host of hosts) {
      expect(host.Url).toMatch(/^https:\/\//);
      expect(host.Chain.map((c) => c.Thumbprint)).toContain(intermediate);
      for (const c of host.Chain) {
        expect(c.Thumbprint).toMatch(/^[0-9a-f]{40}$/);
        expect(c.Subject).not.toBe("");
        expect(c.Issuer).not.toBe("");
        expect(Number.isNaN(Date.parse(c.NotAfter))).toBe(false);
      }
    }
  });

  it("refuses a bad URL with InvalidInputException (IAM's URL rules)", async () => {
    for (const Url of ["http://idp.example.com", "https://idp.example.com/?q=1", "https://user@idp.example.com"]) {
      const error = await errorOf(() => root("idpool", "InspectProviderCertificates", { Url }));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.name).toBe("InvalidInputException");
      expect(error.message).toContain("Invalid Open ID Connect Provider URL");
    }
  });

  it("answers an unreachable host with its Problem, not an error", async () => {
    const out = await root("idpool", "InspectProviderCertificates", { Url: "https://127.0.0.1:1" });
    const hosts = out.Hosts as WireHost[];
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.Role).toBe("discovery");
    expect(hosts[0]?.Chain).toEqual([]);
    expect(hosts[0]?.Problem).toMatch(/^cannot connect: /);
  });

  it("refuses temporary credentials with AccessDeniedException", async () => {
    const token = await f.idp.issueToken({ sub: "inspect-temp" });
    const logins = { [f.idp.loginsKey]: token };
    const id = await f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: logins }));
    const creds = await f.server.cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId: id.IdentityId, Logins: logins }),
    );
    const temporary = httpCaller({
      endpoint: f.server.url,
      region: "us-east-1",
      credentials: cognitoCredentials(creds.Credentials),
    });
    const error = await errorOf(() => temporary("idpool", "InspectProviderCertificates", { Url: f.idp.url }));
    expect(error.name).toBe("AccessDeniedException");
    expect(error.message).toMatch(/is not authorized to perform: idpool:InspectProviderCertificates$/);
  });
});
