import { GetCredentialsForIdentityCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCaller, ApiError, httpCaller } from "../../src/setup/index.js";
import { SmithySha256 } from "../../src/shared/index.js";
import { type PoolFixture, startPoolFixture } from "../support/pool-fixture.js";
import { cognitoCredentials, errorOf, TEST_ROOT } from "../support/server.js";

let f: PoolFixture;
let root: ApiCaller;
beforeAll(async () => {
  f = await startPoolFixture();
  root = httpCaller({ endpoint: f.server.url, region: "eu-west-3", credentials: TEST_ROOT });
});
afterAll(async () => {
  await f?.stop();
});

const diagnose = (token: string, loginsKey = f.idp.loginsKey) =>
  root("idpool", "DiagnoseToken", { IdentityPoolId: f.poolId, LoginsKey: loginsKey, Token: token });

type WireCheck = { Rule: string; Status: string; Says: string; Reason?: string; Fix?: string };

/** The token, or any of its three parts, anywhere in what the server logged. */
function logged(token: string): boolean {
  const text = JSON.stringify(f.server.logLines);
  return [token, ...token.split(".").filter((part) => part.length > 8)].some((part) => text.includes(part));
}

describe("IdpoolService.DiagnoseToken", () => {
  it("accepts a good token, every rule passing, and logs nothing of it", async () => {
    const token = await f.idp.issueToken({ sub: "diag-ok" });
    const out = await diagnose(token);
    expect(out.Accepted).toBe(true);
    expect(out.Reason).toBeUndefined();
    const checks = out.Checks as WireCheck[];
    expect(checks.map((c) => [c.Rule, c.Status])).toEqual([
      ["shape", "pass"],
      ["algorithm", "pass"],
      ["issuer", "pass"],
      ["keys", "pass"],
      ["signature", "pass"],
      ["audience", "pass"],
      ["lifetime", "pass"],
      ["subject", "pass"],
    ]);
    expect(checks.find((c) => c.Rule === "keys")?.Says).toContain("TLS trusted by thumbprint");
    expect(checks.every((c) => c.Fix === undefined)).toBe(true);
    expect(out.Provider).toEqual({
      Url: f.idp.url,
      ClientIds: [f.idp.clientId],
      Thumbprints: [f.idp.ca.intermediate.thumbprint.toLowerCase()],
    });
    expect(logged(token)).toBe(false);
  });

  it("refuses a token for another audience, naming the failing rule with a Fix, and records no refusal", async () => {
    const token = await f.idp.issueToken({ aud: "someone-else" });
    const before = ((await root("idpool", "ListRecentRefusals", {})).Refusals as unknown[]).length;
    const out = await diagnose(token);
    expect(out.Accepted).toBe(false);
    expect(out.Reason).toBe("audience_mismatch");
    const failed = (out.Checks as WireCheck[]).filter((c) => c.Status === "fail");
    expect(failed).toEqual([
      {
        Rule: "audience",
        Status: "fail",
        Says: `aud "someone-else" contains no client id of the provider; registered client ids: "${f.idp.clientId}"`,
        Reason: "audience_mismatch",
        Fix: expect.stringContaining("Add the token's aud"),
      },
    ]);
    expect(logged(token)).toBe(false);
    // A diagnosis is not a login: nothing is added to the recent refusals.
    expect(((await root("idpool", "ListRecentRefusals", {})).Refusals as unknown[]).length).toBe(before);
  });

  it("marks the checks it could not run as skipped", async () => {
    const token = await f.idp.issueToken();
    const header = Buffer.from('{"alg":"none"}').toString("base64url");
    const answer = await diagnose(`${header}.${token.split(".")[1] ?? ""}.`);
    const checks = answer.Checks as WireCheck[];
    expect(answer.Accepted).toBe(false);
    expect(answer.Reason).toBe("alg_not_allowed");
    expect(checks.find((c) => c.Rule === "algorithm")).toMatchObject({ Status: "fail", Reason: "alg_not_allowed" });
    expect(checks.find((c) => c.Rule === "algorithm")?.Fix).toEqual(expect.any(String));
    expect(checks.filter((c) => c.Status === "skipped").map((c) => c.Rule)).toEqual(["keys", "signature"]);
  });

  it("answers Accepted false, saying why, for a logins key that names no ID-token provider", async () => {
    const token = await f.idp.issueToken();
    const out = await diagnose(token, "not-a-provider.example.com");
    expect(out).toEqual({
      Accepted: false,
      Reason: "not_supported",
      Checks: [
        {
          Rule: "provider",
          Status: "fail",
          Says: `logins key "not-a-provider.example.com" names no provider of pool ${f.poolId}`,
          Reason: "not_supported",
          Fix: `Use the logins key of one of the pool's providers (${f.idp.loginsKey}).`,
        },
      ],
    });
    expect(logged(token)).toBe(false);
  });

  it("answers ResourceNotFoundException for an unknown pool and ValidationException for a control character", async () => {
    const unknown = await errorOf(() =>
      root("idpool", "DiagnoseToken", {
        IdentityPoolId: "us-east-1:00000000-0000-0000-0000-000000000000",
        LoginsKey: f.idp.loginsKey,
        Token: "a.b.c",
      }),
    );
    expect(unknown.name).toBe("ResourceNotFoundException");
    const control = await errorOf(() => diagnose("a.b\u0001.c"));
    expect(control.name).toBe("ValidationException");
    expect(control.message).toContain(
      "at 'token' failed to satisfy constraint: Member must not contain control characters",
    );
    const long = await errorOf(() => diagnose("a".repeat(50_001)));
    expect(long.message).toContain(
      "at 'token' failed to satisfy constraint: Member must have length less than or equal to 50000",
    );
  });

  it("refuses temporary credentials with AccessDeniedException", async () => {
    const token = await f.idp.issueToken({ sub: "diag-temp" });
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
    for (const op of ["DiagnoseToken", "ListRecentRefusals", "ListSigningKeys", "RotateSigningKey"]) {
      const input =
        op === "DiagnoseToken" ? { IdentityPoolId: f.poolId, LoginsKey: f.idp.loginsKey, Token: token } : {};
      const error = await errorOf(() => temporary("idpool", op, input));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.name).toBe("AccessDeniedException");
      expect(error.message).toMatch(
        new RegExp(`^User: arn:aws:sts::\\d{12}:assumed-role/.+ is not authorized to perform: idpool:${op}$`),
      );
    }
  });

  it("refuses a request whose SigV4 signature was tampered with (InvalidSignatureException)", async () => {
    const token = await f.idp.issueToken();
    const body = JSON.stringify({ IdentityPoolId: f.poolId, LoginsKey: f.idp.loginsKey, Token: token });
    const url = new URL(f.server.url);
    const signer = new SignatureV4({
      service: "idpool",
      region: "us-east-1",
      credentials: TEST_ROOT,
      sha256: SmithySha256,
      applyChecksum: false,
    });
    const signed = await signer.sign({
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: "/",
      query: {},
      headers: {
        host: url.host,
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "IdpoolService.DiagnoseToken",
      },
      body,
    });
    const authorization = String(signed.headers.authorization);
    const last = authorization.at(-1) === "0" ? "1" : "0";
    const headers = { ...signed.headers, authorization: `${authorization.slice(0, -1)}${last}` };
    const response = await fetch(f.server.url, { method: "POST", headers, body });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { __type?: string };
    expect(answer.__type).toBe("InvalidSignatureException");
    // The untampered request is served.
    const good = await fetch(f.server.url, { method: "POST", headers: signed.headers, body });
    expect(good.status).toBe(200);
    expect(((await good.json()) as { Accepted?: boolean }).Accepted).toBe(true);
    expect(logged(token)).toBe(false);
  });
});

describe("IdpoolService.ListRecentRefusals", () => {
  it("lists refused logins newest first, with time, pool, logins key, rule, reason and process, never the token", async () => {
    const tokens = [
      await f.idp.issueToken({ aud: "another-app" }),
      await f.idp.issueToken({ exp: Math.floor(Date.now() / 1000) - 3600 }),
    ];
    const startedSeconds = Math.floor(Date.now() / 1000);
    for (const token of tokens) {
      const error = await errorOf(() =>
        f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { [f.idp.loginsKey]: token } })),
      );
      expect(error.name).toBe("NotAuthorizedException");
    }
    const out = await root("idpool", "ListRecentRefusals", {});
    const refusals = out.Refusals as Record<string, unknown>[];
    expect(refusals.slice(0, 2).map((r) => [r.Rule, r.Reason])).toEqual([
      ["lifetime", "expired"],
      ["audience", "audience_mismatch"],
    ]);
    const [newest] = refusals;
    expect(Object.keys(newest ?? {}).sort()).toEqual(
      ["IdentityPoolId", "LoginsKey", "Process", "Reason", "Rule", "Time"].sort(),
    );
    expect(newest?.IdentityPoolId).toBe(f.poolId);
    expect(newest?.LoginsKey).toBe(f.idp.loginsKey);
    expect(newest?.Process).toMatch(new RegExp(`^.+:${process.pid}$`));
    expect(typeof newest?.Time).toBe("number");
    expect(newest?.Time as number).toBeGreaterThanOrEqual(startedSeconds - 1);
    expect(newest?.Time as number).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    const text = JSON.stringify(out);
    for (const token of tokens)
      for (const part of token.split(".")) if (part.length > 8) expect(text).not.toContain(part);
  });

  it("keeps the last 200 of 250 refusals", async () => {
    const key = "no-such-provider.example.com";
    for (let i = 0; i < 250; i++) {
      await errorOf(() =>
        f.server.cognito.send(new GetIdCommand({ IdentityPoolId: f.poolId, Logins: { [key]: `t${i}.x.y` } })),
      );
    }
    const refusals = (await root("idpool", "ListRecentRefusals", {})).Refusals as Record<string, unknown>[];
    expect(refusals).toHaveLength(200);
    expect(refusals.every((r) => r.LoginsKey === key && r.Rule === "provider" && r.Reason === "not_supported")).toBe(
      true,
    );
  });
});

describe("IdpoolService.ListSigningKeys and RotateSigningKey", () => {
  it("lists the current key, rotates, and lists the new key as current and the old as superseded", async () => {
    const before = (await root("idpool", "ListSigningKeys", {})).Keys as Record<string, unknown>[];
    const current = before.filter((k) => k.Current === true);
    expect(current).toHaveLength(1);
    expect(current[0]?.KeyId).toMatch(/^us-east-1-[0-9a-f]{8}$/);
    expect(typeof current[0]?.CreatedAt).toBe("number");
    expect(current[0]?.SupersededAt).toBeUndefined();

    const rotated = await root("idpool", "RotateSigningKey", {});
    expect(rotated.KeyId).toMatch(/^us-east-1-[0-9a-f]{8}$/);
    expect(rotated.KeyId).not.toBe(current[0]?.KeyId);

    const after = (await root("idpool", "ListSigningKeys", {})).Keys as Record<string, unknown>[];
    expect(after[0]).toMatchObject({ KeyId: rotated.KeyId, Current: true });
    expect(after[0]?.SupersededAt).toBeUndefined();
    const old = after.find((k) => k.KeyId === current[0]?.KeyId);
    expect(old?.Current).toBe(false);
    expect(typeof old?.SupersededAt).toBe("number");
    expect(old?.SupersededAt as number).toBeGreaterThanOrEqual(old?.CreatedAt as number);
    expect(after).toHaveLength(before.length + 1);
  });
});
