import { describe, expect, it } from "vitest";
import { ManualClock } from "../shared/index.js";
import { DEFAULT_MAX_SKEW_MS, verifySigV4 } from "./index.js";
import { fixtureLookup, NOW_MS, ROOT_KEY, signWithSmithy } from "./test-support.js";

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

async function verifyAt(clockMs: number, maxSkewMs?: number) {
  const req = await signWithSmithy({
    service: "cognito-identity",
    region: "us-east-1",
    ...ROOT_KEY,
    signingDate: new Date(NOW_MS), // 20261126T134358Z
    headers: { host: "127.0.0.1:43223" },
    body: '{"MaxResults":10}',
  });
  const clock = new ManualClock(clockMs);
  return verifySigV4(req, {
    service: "cognito-identity",
    lookup: fixtureLookup,
    clock,
    ...(maxSkewMs === undefined ? {} : { maxSkewMs }),
  });
}

describe("request time window (15 minutes either way)", () => {
  it("defaults to 15 minutes", () => {
    expect(DEFAULT_MAX_SKEW_MS).toBe(15 * MINUTE_MS);
  });

  it("accepts a request signed 14m59s ago", async () => {
    await expect(verifyAt(NOW_MS + 14 * MINUTE_MS + 59 * SECOND_MS)).resolves.toEqual(ROOT_KEY.principal);
  });

  it("accepts a request signed exactly 15 minutes ago", async () => {
    await expect(verifyAt(NOW_MS + 15 * MINUTE_MS)).resolves.toEqual(ROOT_KEY.principal);
  });

  it("refuses a request signed 15m01s ago", async () => {
    await expect(verifyAt(NOW_MS + 15 * MINUTE_MS + SECOND_MS)).rejects.toMatchObject({
      code: "InvalidSignatureException",
      queryCode: "SignatureDoesNotMatch",
      message: "Signature expired: 20261126T134358Z is now earlier than 20261126T134359Z (20261126T135859Z - 15 min.)",
    });
  });

  it("refuses a request signed 15 minutes and 1 ms ago (sub-second clock)", async () => {
    await expect(verifyAt(NOW_MS + 15 * MINUTE_MS + 1)).rejects.toMatchObject({ code: "InvalidSignatureException" });
  });

  it("accepts a request dated 14m59s ahead of the clock", async () => {
    await expect(verifyAt(NOW_MS - 14 * MINUTE_MS - 59 * SECOND_MS)).resolves.toEqual(ROOT_KEY.principal);
  });

  it("refuses a request dated 15m01s ahead of the clock", async () => {
    await expect(verifyAt(NOW_MS - 15 * MINUTE_MS - SECOND_MS)).rejects.toMatchObject({
      code: "InvalidSignatureException",
      message:
        "Signature not yet current: 20261126T134358Z is still later than 20261126T134357Z (20261126T132857Z + 15 min.)",
    });
  });

  it("honours a custom window and names it in the message", async () => {
    await expect(verifyAt(NOW_MS + 4 * MINUTE_MS, 5 * MINUTE_MS)).resolves.toEqual(ROOT_KEY.principal);
    await expect(verifyAt(NOW_MS + 6 * MINUTE_MS, 5 * MINUTE_MS)).rejects.toMatchObject({
      message: "Signature expired: 20261126T134358Z is now earlier than 20261126T134458Z (20261126T134958Z - 5 min.)",
    });
  });

  it("checks the time before asking for the secret", async () => {
    let lookups = 0;
    const req = await signWithSmithy({
      service: "sts",
      region: "us-east-1",
      ...ROOT_KEY,
      signingDate: new Date(NOW_MS),
      headers: { host: "h" },
    });
    const counting = async (key: string, token: string | undefined) => {
      lookups++;
      return fixtureLookup(key, token);
    };
    await expect(
      verifySigV4(req, { service: "sts", lookup: counting, clock: new ManualClock(NOW_MS + 20 * MINUTE_MS) }),
    ).rejects.toMatchObject({
      code: "InvalidSignatureException",
    });
    expect(lookups).toBe(0);
  });
});
