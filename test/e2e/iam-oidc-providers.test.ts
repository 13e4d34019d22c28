import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/shared/index.js";
import { errorOf, startTestServer, type TestServer } from "../support/server.js";

/** IAM OpenID Connect provider objects through the official SDK (reference §7). */
let server: TestServer;
// Near real time: SigV4 verification reads the same clock and allows 15 minutes of skew.
const clock = new ManualClock(Date.now());
const ACCOUNT = "000000000000";
const THUMB_A = "990F4193972F2BECF12DDEDA5237F9C952F20D9E";
const THUMB_B = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.stop();
});

const arnOf = (urlWithoutScheme: string): string => `arn:aws:iam::${ACCOUNT}:oidc-provider/${urlWithoutScheme}`;

async function create(url: string, extra: Partial<{ ClientIDList: string[]; ThumbprintList: string[] }> = {}) {
  return server.iam.send(new CreateOpenIDConnectProviderCommand({ Url: url, ...extra }));
}

describe("CreateOpenIDConnectProvider and GetOpenIDConnectProvider", () => {
  it("creates a provider whose ARN and Url are the URL without its scheme, thumbprints lower-case, tags sorted", async () => {
    const out = await server.iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: "https://idp.example.com/tenant",
        ClientIDList: ["web-app", "cli"],
        ThumbprintList: [THUMB_A],
        Tags: [
          { Key: "team", Value: "identity" },
          { Key: "env", Value: "test" },
        ],
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.OpenIDConnectProviderArn).toBe(arnOf("idp.example.com/tenant"));
    expect(out.Tags).toEqual([
      { Key: "env", Value: "test" },
      { Key: "team", Value: "identity" },
    ]);
    const got = await server.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: out.OpenIDConnectProviderArn }),
    );
    expect(got.Url).toBe("idp.example.com/tenant");
    expect(got.ClientIDList).toEqual(["web-app", "cli"]);
    expect(got.ThumbprintList).toEqual([THUMB_A.toLowerCase()]);
    expect(got.CreateDate).toEqual(new Date(clock.nowMs()));
    expect(got.Tags).toEqual(out.Tags);
  });

  it("creates a provider without thumbprints or client ids (trust store validation)", async () => {
    const out = await create("https://no-thumbs.example.com:8443");
    expect(out.OpenIDConnectProviderArn).toBe(arnOf("no-thumbs.example.com:8443"));
    expect(out.Tags).toBeUndefined();
    const got = await server.iam.send(
      new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: out.OpenIDConnectProviderArn }),
    );
    expect(got.Url).toBe("no-thumbs.example.com:8443");
    expect(got.ThumbprintList ?? []).toEqual([]);
    expect(got.ClientIDList ?? []).toEqual([]);
  });

  it("answers 409 EntityAlreadyExists for a URL registered already", async () => {
    await create("https://dup.example.com");
    const error = await errorOf(() => create("https://dup.example.com", { ThumbprintList: [THUMB_B] }));
    expect(error.name).toBe("EntityAlreadyExistsException");
    expect(error.message).toBe("Provider with url https://dup.example.com already exists.");
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it.each([
    ["http://plain.example.com", "it must begin with https://"],
    ["https://q.example.com/?tenant=1", "it must not contain a query string or a fragment"],
    ["https://f.example.com/#x", "it must not contain a query string or a fragment"],
    ["https://me:pw@u.example.com", "it must not contain user information"],
  ])("answers 400 InvalidInput for %s", async (url, reason) => {
    const error = await errorOf(() => create(url));
    expect(error.name).toBe("InvalidInputException");
    expect(error.message).toBe(`Invalid Open ID Connect Provider URL: ${reason}.`);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it("answers InvalidInput for six thumbprints and for a non-hex one, and stores nothing", async () => {
    const six = Array.from({ length: 6 }, (_, i) => String(i).repeat(40));
    const tooMany = await errorOf(() => create("https://six.example.com", { ThumbprintList: six }));
    expect(tooMany.name).toBe("InvalidInputException");
    expect(tooMany.message).toBe("Thumbprint list must contain fewer than 5 entries.");
    const bad = "x".repeat(40);
    const notHex = await errorOf(() => create("https://six.example.com", { ThumbprintList: [THUMB_A, bad, THUMB_B] }));
    expect(notHex.name).toBe("InvalidInputException");
    expect(notHex.message).toBe(
      `Thumbprint ${bad} is not valid: a thumbprint is the 40 hexadecimal digits of a certificate's SHA-1 fingerprint.`,
    );
    const missing = await errorOf(() =>
      server.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arnOf("six.example.com") })),
    );
    expect(missing.name).toBe("NoSuchEntityException");
  });

  it("answers ValidationError for a thumbprint that is not 40 characters", async () => {
    const error = await errorOf(() => create("https://short.example.com", { ThumbprintList: ["abc"] }));
    expect(error.name).toBe("ValidationError");
    expect(error.message).toBe(
      "1 validation error detected: Value 'abc' at 'thumbprintList.1.member' failed to satisfy constraint: Member must have length greater than or equal to 40",
    );
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it("answers 409 LimitExceeded for 101 client ids", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `c${i}`);
    const error = await errorOf(() => create("https://many.example.com", { ClientIDList: ids }));
    expect(error.name).toBe("LimitExceededException");
    expect(error.message).toBe("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it("answers InvalidInput for duplicate tag keys", async () => {
    const error = await errorOf(() =>
      server.iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: "https://tags.example.com",
          Tags: [
            { Key: "Env", Value: "a" },
            { Key: "env", Value: "b" },
          ],
        }),
      ),
    );
    expect(error.name).toBe("InvalidInputException");
    expect(error.message).toBe("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  });

  it("answers 404 NoSuchEntity for an unknown ARN", async () => {
    const arn = arnOf("nobody.example.com");
    const error = await errorOf(() =>
      server.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
    );
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.message).toBe(`OpenIDConnect Provider not found for arn ${arn}`);
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });
});

describe("changing a provider", () => {
  let arn: string;
  beforeAll(async () => {
    arn = (await create("https://change.example.com", { ClientIDList: ["a"], ThumbprintList: [THUMB_A] }))
      .OpenIDConnectProviderArn as string;
  });
  const get = () => server.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));

  it("replaces the thumbprint list, and accepts an empty one", async () => {
    await server.iam.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({
        OpenIDConnectProviderArn: arn,
        ThumbprintList: [THUMB_B, THUMB_A],
      }),
    );
    expect((await get()).ThumbprintList).toEqual([THUMB_B, THUMB_A.toLowerCase()]);
    await server.iam.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [] }),
    );
    expect((await get()).ThumbprintList ?? []).toEqual([]);
    const error = await errorOf(() =>
      server.iam.send(
        new UpdateOpenIDConnectProviderThumbprintCommand({
          OpenIDConnectProviderArn: arn,
          ThumbprintList: ["g".repeat(40)],
        }),
      ),
    );
    expect(error.name).toBe("InvalidInputException");
  });

  it("adds and removes client ids idempotently", async () => {
    const add = (id: string) =>
      server.iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: id }));
    const remove = (id: string) =>
      server.iam.send(
        new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: id }),
      );
    expect((await add("b")).$metadata.httpStatusCode).toBe(200);
    await add("b");
    expect((await get()).ClientIDList).toEqual(["a", "b"]);
    await remove("a");
    await remove("never-added");
    expect((await get()).ClientIDList).toEqual(["b"]);
  });

  it("answers LimitExceeded when adding the 101st client id", async () => {
    for (let i = 0; i < 99; i++) {
      await server.iam.send(
        new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: `n${i}` }),
      );
    }
    expect((await get()).ClientIDList).toHaveLength(100);
    const error = await errorOf(() =>
      server.iam.send(
        new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "one-more" }),
      ),
    );
    expect(error.name).toBe("LimitExceededException");
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it("tags, overwrites, untags and pages tags in key order", async () => {
    await server.iam.send(
      new TagOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: arn,
        Tags: [
          { Key: "c", Value: "3" },
          { Key: "a", Value: "1" },
          { Key: "b", Value: "2" },
        ],
      }),
    );
    await server.iam.send(
      new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: "a", Value: "one" }] }),
    );
    const first = await server.iam.send(
      new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn, MaxItems: 2 }),
    );
    expect(first.Tags).toEqual([
      { Key: "a", Value: "one" },
      { Key: "b", Value: "2" },
    ]);
    expect(first.IsTruncated).toBe(true);
    const second = await server.iam.send(
      new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn, MaxItems: 2, Marker: first.Marker }),
    );
    expect(second.Tags).toEqual([{ Key: "c", Value: "3" }]);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    await server.iam.send(
      new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ["b", "zzz"] }),
    );
    const all = await server.iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
    expect(all.Tags?.map((t) => t.Key)).toEqual(["a", "c"]);
  });

  it("answers LimitExceeded beyond 50 tags", async () => {
    const tags = Array.from({ length: 48 }, (_, i) => ({ Key: `t${String(i).padStart(2, "0")}`, Value: "" }));
    await server.iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: tags }));
    const error = await errorOf(() =>
      server.iam.send(
        new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: "z", Value: "" }] }),
      ),
    );
    expect(error.name).toBe("LimitExceededException");
    expect(error.message).toBe("Cannot exceed quota for TagsPerOpenIdConnectProvider: 50");
  });

  it.each([
    [
      "UpdateOpenIDConnectProviderThumbprint",
      (a: string) =>
        new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: a, ThumbprintList: [] }),
    ],
    [
      "AddClientIDToOpenIDConnectProvider",
      (a: string) => new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: a, ClientID: "x" }),
    ],
    [
      "RemoveClientIDFromOpenIDConnectProvider",
      (a: string) => new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: a, ClientID: "x" }),
    ],
    [
      "TagOpenIDConnectProvider",
      (a: string) =>
        new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: a, Tags: [{ Key: "k", Value: "v" }] }),
    ],
    [
      "UntagOpenIDConnectProvider",
      (a: string) => new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: a, TagKeys: ["k"] }),
    ],
    [
      "ListOpenIDConnectProviderTags",
      (a: string) => new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: a }),
    ],
  ] as const)("%s answers NoSuchEntity for an unknown provider", async (_name, command) => {
    const unknown = arnOf("gone.example.com");
    // The union of command types is wider than send's overloads accept; each one is an IAM command.
    const error = await errorOf(() => server.iam.send(command(unknown) as GetOpenIDConnectProviderCommand));
    expect(error.name).toBe("NoSuchEntityException");
    expect(error.message).toBe(`OpenIDConnect Provider not found for arn ${unknown}`);
  });
});

describe("ListOpenIDConnectProviders and DeleteOpenIDConnectProvider", () => {
  it("lists ARNs, deletes, and succeeds again for a provider already gone (the API reference's idempotence)", async () => {
    const { OpenIDConnectProviderArn: arn } = await create("https://delete-me.example.com");
    const before = await server.iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(before.OpenIDConnectProviderList).toContainEqual({ Arn: arn });
    const deleted = await server.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const after = await server.iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(after.OpenIDConnectProviderList?.map((p) => p.Arn)).not.toContain(arn);
    const again = await server.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(again.$metadata.httpStatusCode).toBe(200);
    const never = "arn:aws:iam::000000000000:oidc-provider/never-was.example.com";
    const unknown = await server.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: never }));
    expect(unknown.$metadata.httpStatusCode).toBe(200);
  });
});

describe("allowHttpProviders", () => {
  it("accepts http:// URLs only when the flag is on", async () => {
    const dev = await startTestServer({ flags: { allowHttpProviders: true } });
    try {
      const out = await dev.iam.send(new CreateOpenIDConnectProviderCommand({ Url: "http://127.0.0.1:9000/realm" }));
      expect(out.OpenIDConnectProviderArn).toBe(arnOf("127.0.0.1:9000/realm"));
      const got = await dev.iam.send(
        new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: out.OpenIDConnectProviderArn }),
      );
      // Kept with its scheme: AWS has no http:// providers, and without it a reader would take it for https.
      expect(got.Url).toBe("http://127.0.0.1:9000/realm");
    } finally {
      await dev.stop();
    }
  });
});
