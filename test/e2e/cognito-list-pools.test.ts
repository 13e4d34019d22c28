import {
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  ListIdentityPoolsCommand,
  paginateListIdentityPools,
} from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startTestServer, type TestServer } from "../support/server.js";

/** ListIdentityPools (reference §2.3, §2.4): MaxResults 1–60, opaque NextToken, ids and names only. */
let server: TestServer;
let pools: Array<{ IdentityPoolId: string; IdentityPoolName: string }>;

beforeAll(async () => {
  server = await startTestServer();
  pools = [];
  for (let i = 0; i < 7; i++) {
    const out = await server.cognito.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: `pool ${i}`,
        AllowUnauthenticatedIdentities: true,
        SupportedLoginProviders: { "www.amazon.com": "amzn1.application.x" },
      }),
    );
    pools.push({ IdentityPoolId: out.IdentityPoolId ?? "", IdentityPoolName: `pool ${i}` });
  }
  pools.sort((a, b) => (a.IdentityPoolId < b.IdentityPoolId ? -1 : 1));
});
afterAll(() => server.stop());

describe("ListIdentityPools", () => {
  it("pages through every pool in id order, with a NextToken only while more follow", async () => {
    const first = await server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 3 }));
    expect(first.IdentityPools).toEqual(pools.slice(0, 3));
    expect(first.NextToken).toEqual(expect.any(String));
    expect(first.NextToken).not.toContain(pools[2]?.IdentityPoolId);
    const second = await server.cognito.send(
      new ListIdentityPoolsCommand({ MaxResults: 3, NextToken: first.NextToken }),
    );
    expect(second.IdentityPools).toEqual(pools.slice(3, 6));
    const third = await server.cognito.send(
      new ListIdentityPoolsCommand({ MaxResults: 3, NextToken: second.NextToken }),
    );
    expect(third.IdentityPools).toEqual(pools.slice(6));
    expect(third.NextToken).toBeUndefined();
  });

  it("works with the SDK paginator", async () => {
    const seen: unknown[] = [];
    let pages = 0;
    for await (const page of paginateListIdentityPools({ client: server.cognito, pageSize: 2 }, { MaxResults: 2 })) {
      pages++;
      seen.push(...(page.IdentityPools ?? []));
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(pools);
  });

  it("returns everything on one page when MaxResults allows, and no NextToken", async () => {
    const out = await server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 60 }));
    expect(out.IdentityPools).toEqual(pools);
    expect(out.NextToken).toBeUndefined();
  });

  it.each([
    [
      0,
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      61,
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    ],
  ])("refuses MaxResults %d with ValidationException", async (maxResults, message) => {
    const error = await errorOf(() => server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: maxResults })));
    expect({ name: error.name, message: error.message }).toEqual({ name: "ValidationException", message });
  });

  it("requires MaxResults", async () => {
    const error = await errorOf(() =>
      server.cognito.send(
        new ListIdentityPoolsCommand({} as ConstructorParameters<typeof ListIdentityPoolsCommand>[0]),
      ),
    );
    expect({ name: error.name, message: error.message }).toEqual({
      name: "ValidationException",
      message:
        "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    });
  });

  it.each(["garbled-token!", "dXMtZWFzdC0x", "us-east-1:00000000-0000-4000-8000-000000000001"])(
    "refuses the NextToken %s with InvalidParameterException",
    async (token) => {
      const error = await errorOf(() =>
        server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 5, NextToken: token })),
      );
      expect({ name: error.name, message: error.message }).toEqual({
        name: "InvalidParameterException",
        message: "The NextToken is not valid.",
      });
    },
  );

  // Last, because it deletes one of the shared pools.
  it("continues after the pool a NextToken names, even when that pool was deleted meanwhile", async () => {
    const first = await server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 3 }));
    expect(first.IdentityPools?.at(-1)).toEqual(pools[2]);
    await server.cognito.send(new DeleteIdentityPoolCommand({ IdentityPoolId: pools[2]?.IdentityPoolId }));
    const rest = await server.cognito.send(
      new ListIdentityPoolsCommand({ MaxResults: 60, NextToken: first.NextToken }),
    );
    expect(rest.IdentityPools).toEqual(pools.slice(3));
  });
});
