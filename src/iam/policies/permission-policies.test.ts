import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { memoryStore, policy, role } from "../../../test/support/unit.js";
import { cachedStore, type Store } from "../../store/index.js";
import * as parse from "../policy/parse.js";
import { permissionPoliciesOf } from "./permission-policies.js";

const doc = (action: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: action, Resource: "*" } });

let store: Store;
beforeEach(async () => {
  store = cachedStore(await memoryStore());
  await store.roles.create(role("Reader", { inlinePolicies: { b: doc("s3:B"), a: doc("s3:A") } }));
  const managed = policy("Managed", {
    versions: [
      { versionId: "v1", document: doc("s3:Old"), createdAtMs: 1 },
      { versionId: "v2", document: doc("s3:New"), createdAtMs: 2 },
    ],
    defaultVersionId: "v2",
    nextVersionNumber: 3,
  });
  await store.policies.create(managed);
  await store.roles.attachPolicy("Reader", managed.arn);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

const actionsOf = (docs: readonly { Statement: readonly { Action?: readonly string[] }[] }[]) =>
  docs.flatMap((d) => d.Statement.flatMap((s) => s.Action ?? []));

describe("permissionPoliciesOf", () => {
  it("gives the inline policies in name order, then each attached policy's default version", async () => {
    const reader = await store.roles.get("Reader");
    if (!reader) throw new Error("no role");
    expect(actionsOf(await permissionPoliciesOf(store, reader))).toEqual(["s3:A", "s3:B", "s3:New"]);
  });

  it("parses nothing again, and returns the same array, until a record changes", async () => {
    const reader = await store.roles.get("Reader");
    if (!reader) throw new Error("no role");
    const first = await permissionPoliciesOf(store, reader);
    const spy = vi.spyOn(parse, "parsePolicy");
    const again = await permissionPoliciesOf(store, (await store.roles.get("Reader")) ?? reader);
    expect(again).toBe(first);
    expect(spy).not.toHaveBeenCalled();
    // A new default version is a new policy record: only that one document is parsed again.
    const managed = await store.policies.get(policy("Managed").arn);
    if (!managed) throw new Error("no policy");
    await store.policies.update({ ...managed, defaultVersionId: "v1" }, managed.version);
    const changed = await permissionPoliciesOf(store, (await store.roles.get("Reader")) ?? reader);
    expect(actionsOf(changed)).toEqual(["s3:A", "s3:B", "s3:Old"]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("gives only the inline policies of a role with none attached", async () => {
    await store.roles.create(role("Plain", { inlinePolicies: { only: doc("sqs:Send") } }));
    const plain = await store.roles.get("Plain");
    if (!plain) throw new Error("no role");
    expect(actionsOf(await permissionPoliciesOf(store, plain))).toEqual(["sqs:Send"]);
  });
});
