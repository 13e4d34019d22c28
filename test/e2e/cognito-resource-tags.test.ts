import {
  DescribeIdentityPoolCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { errorOf } from "../support/server.js";
import { ACCOUNT, poolArn, poolId, server, setupTaggedPoolFixture, strip } from "../support/tagged-pool-fixture.js";

/** TagResource, UntagResource and ListTagsForResource (reference §2.3, §2.4 Tagging). */
setupTaggedPoolFixture();

describe("resource tags", () => {
  const listTags = async () =>
    (await server.cognito.send(new ListTagsForResourceCommand({ ResourceArn: poolArn }))).Tags;

  it("lists, adds, overwrites and removes tags, visible in DescribeIdentityPool too", async () => {
    expect(await listTags()).toEqual({ team: "identity" });
    const tagged = await server.cognito.send(
      new TagResourceCommand({ ResourceArn: poolArn, Tags: { team: "platform", env: "prod" } }),
    );
    expect(strip(tagged)).toEqual({});
    expect(await listTags()).toEqual({ team: "platform", env: "prod" });
    const untagged = await server.cognito.send(
      new UntagResourceCommand({ ResourceArn: poolArn, TagKeys: ["team", "absent"] }),
    );
    expect(strip(untagged)).toEqual({});
    expect(await listTags()).toEqual({ env: "prod" });
    const described = await server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
    expect(described.IdentityPoolTags).toEqual({ env: "prod" });
    await server.cognito.send(new UntagResourceCommand({ ResourceArn: poolArn, TagKeys: ["env"] }));
    expect(await listTags()).toEqual({});
    expect(
      (await server.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))).IdentityPoolTags,
    ).toBeUndefined();
  });

  it("allows 50 tags and refuses the 51st, keeping the tags as they were", async () => {
    const fortyNine = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
    await server.cognito.send(new TagResourceCommand({ ResourceArn: poolArn, Tags: fortyNine }));
    expect(Object.keys((await listTags()) ?? {})).toHaveLength(50);
    const error = await errorOf(() =>
      server.cognito.send(new TagResourceCommand({ ResourceArn: poolArn, Tags: { extra: "x" } })),
    );
    expect({ name: error.name, message: error.message }).toEqual({
      name: "InvalidParameterException",
      message: "An identity pool can have at most 50 tags; this request would leave it with 51.",
    });
    expect(Object.keys((await listTags()) ?? {})).toHaveLength(50);
  });

  it("answers ResourceNotFoundException for an ARN that names no pool here", async () => {
    const unknownPool = "us-east-1:00000000-0000-4000-8000-0000000000dd";
    const cases: Array<[string, string]> = [
      [
        `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${unknownPool}`,
        `IdentityPool '${unknownPool}' not found.`,
      ],
      [`arn:aws:cognito-identity:eu-west-1:${ACCOUNT}:identitypool/${poolId}`, `IdentityPool '${poolId}' not found.`],
      [`arn:aws:cognito-identity:us-east-1:111111111111:identitypool/${poolId}`, `IdentityPool '${poolId}' not found.`],
      [`arn:aws:iam::${ACCOUNT}:role/NotAPool`, `Resource 'arn:aws:iam::${ACCOUNT}:role/NotAPool' not found.`],
    ];
    for (const [arn, message] of cases) {
      for (const send of [
        () => server.cognito.send(new ListTagsForResourceCommand({ ResourceArn: arn })),
        () => server.cognito.send(new TagResourceCommand({ ResourceArn: arn, Tags: { a: "b" } })),
        () => server.cognito.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["a"] })),
      ]) {
        const error = await errorOf(send);
        expect({ name: error.name, message: error.message }).toEqual({ name: "ResourceNotFoundException", message });
      }
    }
  });
});
