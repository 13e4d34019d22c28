import { beforeEach, describe, expect, it } from "vitest";
import { cryptoIds, ManualClock } from "../../shared/index.js";
import { openSqliteStore, type Store } from "../../store/index.js";
import { sessionCredentialLookup } from "./credential-lookup.js";
import { Keyring } from "./keyring.js";
import { mintCredentials } from "./mint.js";
import { openSessionToken } from "./session-token.js";

const request = {
  accountId: "123456789012",
  roleArn: "arn:aws:iam::123456789012:role/R",
  roleName: "R",
  roleId: "AROAAAAAAAAAAAAAAAAAA",
  sessionName: "CognitoIdentityCredentials",
  durationSeconds: 3600,
  tags: { username: "alice" },
};

describe("sealed session tokens", () => {
  let store: Store;
  let clock: ManualClock;
  let keyring: Keyring;
  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    await store.migrate();
    clock = new ManualClock(1_800_000_000_000);
    keyring = new Keyring(store, clock, cryptoIds);
    await keyring.start();
  });

  it("mints ASIA keys with 40-character secrets and an expiry in whole seconds", () => {
    const creds = mintCredentials(request, keyring, clock, cryptoIds);
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.secretAccessKey).toHaveLength(40);
    expect(creds.expiration.getTime()).toBe(1_800_000_000_000 + 3_600_000);
    expect(creds.assumedRoleArn).toBe("arn:aws:sts::123456789012:assumed-role/R/CognitoIdentityCredentials");
    expect(creds.assumedRoleId).toBe("AROAAAAAAAAAAAAAAAAAA:CognitoIdentityCredentials");
  });

  it("opens only the canonical spelling of a token (no padding, other alphabet, stray characters or unused bits)", async () => {
    const creds = mintCredentials(request, keyring, clock, cryptoIds);
    const [version, keyId, iv = "", sealed = ""] = creds.sessionToken.split(".");
    const respell = (ivText: string, sealedText: string) => [version, keyId, ivText, sealedText].join(".");
    expect(await openSessionToken(creds.sessionToken, creds.accessKeyId, keyring)).toMatchObject({
      accessKeyId: creds.accessKeyId,
    });
    // The last character of a 16-byte-tag ciphertext carries unused bits unless its length is a multiple of 3.
    const lastBits = (text: string) => {
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      const last = alphabet.indexOf(text.slice(-1));
      return `${text.slice(0, -1)}${alphabet[last ^ 1]}`;
    };
    const variants = [
      respell(iv, `${sealed}=`),
      respell(` ${iv}`, sealed),
      respell(iv, sealed.replaceAll("-", "+").replaceAll("_", "/")),
      respell(`${iv.slice(0, 4)}.${iv.slice(4)}`, sealed),
      respell(iv, `${sealed.slice(0, 8)}!${sealed.slice(8)}`),
    ];
    if (sealed.length % 4 !== 0) variants.push(respell(iv, lastBits(sealed)));
    for (const variant of variants) {
      expect(variant).not.toBe(creds.sessionToken);
      expect(await openSessionToken(variant, creds.accessKeyId, keyring)).toBeUndefined();
    }
  });

  it("opens what it sealed, in another keyring over the same store", async () => {
    const creds = mintCredentials(request, keyring, clock, cryptoIds);
    const other = new Keyring(store, clock, cryptoIds);
    await other.start();
    const claims = await openSessionToken(creds.sessionToken, creds.accessKeyId, other);
    expect(claims).toMatchObject({
      secretAccessKey: creds.secretAccessKey,
      roleArn: request.roleArn,
      tags: { username: "alice" },
    });
  });

  it("refuses a token under another access key id, and any tampered byte", async () => {
    const creds = mintCredentials(request, keyring, clock, cryptoIds);
    expect(await openSessionToken(creds.sessionToken, "ASIAAAAAAAAAAAAAAAAA", keyring)).toBeUndefined();
    const chars = creds.sessionToken.split("");
    const i = chars.length - 5;
    chars[i] = chars[i] === "A" ? "B" : "A";
    expect(await openSessionToken(chars.join(""), creds.accessKeyId, keyring)).toBeUndefined();
    expect(await openSessionToken("v1.x.y.z", creds.accessKeyId, keyring)).toBeUndefined();
  });

  it("resolves live credentials to the assumed-role principal and refuses expired ones", async () => {
    const creds = mintCredentials(request, keyring, clock, cryptoIds);
    const lookup = sessionCredentialLookup(keyring, clock);
    const found = await lookup(creds.accessKeyId, creds.sessionToken);
    expect(found?.principal).toEqual({
      accessKeyId: creds.accessKeyId,
      kind: "session",
      arn: "arn:aws:sts::123456789012:assumed-role/R/CognitoIdentityCredentials",
      userId: "AROAAAAAAAAAAAAAAAAAA:CognitoIdentityCredentials",
      accountId: "123456789012",
      session: {
        roleArn: request.roleArn,
        issuedAtMs: clock.nowMs(),
        expiresAtMs: creds.expiration.getTime(),
        tags: { username: "alice" },
        context: {},
      },
    });
    expect(await lookup(creds.accessKeyId, undefined)).toBeUndefined();
    clock.advanceMs(3_600_000);
    await expect(lookup(creds.accessKeyId, creds.sessionToken)).rejects.toMatchObject({
      code: "ExpiredTokenException",
    });
  });
});

describe("keyrings of processes that start together", () => {
  it("open a token sealed with a key another keyring made after they last read the store", async () => {
    const store = openSqliteStore(":memory:");
    await store.migrate();
    const clock = new ManualClock(1_800_000_000_000);
    const b = new Keyring(store, clock, cryptoIds);
    // b starts first: it makes a key and reads the store before a's key exists.
    await b.start();
    // Another process's key, written a moment later (as when both found the store empty).
    clock.advanceMs(1);
    await store.sealingKeys.add({
      keyId: "AAAAAAAA",
      secret: cryptoIds.bytes(32).toString("base64"),
      createdAtMs: clock.nowMs(),
    });
    const a = new Keyring(store, clock, cryptoIds);
    await a.start();
    const creds = mintCredentials(request, a, clock, cryptoIds);
    expect(a.sealingKey().keyId).not.toBe(b.sealingKey().keyId);
    const claims = await openSessionToken(creds.sessionToken, creds.accessKeyId, b);
    expect(claims?.secretAccessKey).toBe(creds.secretAccessKey);
    await store.close();
  });
});
