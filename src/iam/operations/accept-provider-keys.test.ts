import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callOperation as call, expectServiceError, memoryDeps, type UnitDeps } from "../../../test/support/unit.js";
import type { ProviderKeysPort } from "../deps.js";
import { acceptProviderKeys } from "./accept-provider-keys.js";
import { createOpenIdConnectProvider } from "./create-open-id-connect-provider.js";

describe("IdpoolService.AcceptProviderKeys", () => {
  let deps: UnitDeps;
  const asked: [string, readonly string[] | undefined][] = [];
  let answer: Awaited<ReturnType<ProviderKeysPort["accept"]>>;
  const providerKeys: ProviderKeysPort = {
    accept: async (url, kids) => {
      asked.push([url, kids]);
      return answer;
    },
  };
  const op = () => acceptProviderKeys({ ...deps, providerKeys });
  beforeEach(async () => {
    deps = await memoryDeps();
    asked.length = 0;
    await call(createOpenIdConnectProvider(deps), { Url: "https://idp.example.com" });
  });
  afterEach(() => deps.store.close());

  it("is idpool's own operation, root only", () => {
    expect([op().service, op().name, op().auth]).toEqual(["idpool", "AcceptProviderKeys", "root"]);
  });

  it("answers the accepted kids, taking the URL with or without https://", async () => {
    answer = { ok: true, acceptedKids: ["k2", "k3"] };
    expect(await call(op(), { Url: "idp.example.com", KeyIds: ["k3", "k2"] })).toEqual({
      Url: "https://idp.example.com",
      AcceptedKeyIds: ["k2", "k3"],
    });
    expect(asked).toEqual([["https://idp.example.com", ["k3", "k2"]]]);
  });

  it("names the waiting kids when KeyIds are another set", async () => {
    answer = { ok: false, problem: "kids_differ", pendingKids: ["k2"] };
    await expectServiceError(
      call(op(), { Url: "https://idp.example.com", KeyIds: ["k9"] }),
      "InvalidParameter",
      "KeyIds are not the key set waiting for https://idp.example.com, whose kids are: k2.",
    );
  });

  it("tells an unknown provider from a provider with nothing waiting", async () => {
    answer = { ok: false, problem: "nothing_pending" };
    await expectServiceError(
      call(op(), { Url: "https://idp.example.com" }),
      "ResourceConflict",
      "OpenIDConnect provider https://idp.example.com has no key set waiting for acceptance: idpool has refused none of its keys.",
    );
    await expectServiceError(
      call(op(), { Url: "https://other.example.com" }),
      "ResourceNotFound",
      "OpenIDConnect provider https://other.example.com is not registered.",
    );
    await expectServiceError(call(op(), { Url: "http://idp.example.com" }), "ResourceNotFound");
  });

  it("says so where no verifier is wired", async () => {
    await expectServiceError(
      call(acceptProviderKeys(deps), { Url: "https://idp.example.com" }),
      "ResourceConflict",
      "This idpool does not watch provider keys.",
    );
  });
});
