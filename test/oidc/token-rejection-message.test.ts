/** The Cognito texts for each reason (reference §4.2). Lives here: src/identity/ belongs to the identity team. */
import { describe, expect, it } from "vitest";
import { cognitoMessageForRejection } from "../../src/identity/logins/rejection-messages.js";
import type { RejectionReason } from "../../src/oidc/index.js";

const message = (reason: Exclude<RejectionReason, "expired">) =>
  cognitoMessageForRejection({ reason, detail: "operator detail" });

describe("cognitoMessageForRejection", () => {
  it("uses Cognito's exact texts", () => {
    expect(message("issuer_mismatch")).toBe("Invalid login token. Issuer doesn't match providerName");
    expect(
      cognitoMessageForRejection({
        reason: "expired",
        detail: "d",
        nowEpochSeconds: 1589092400,
        expEpochSeconds: 1589092129,
      }),
    ).toBe("Invalid login token. Token expired: 1589092400 >= 1589092129");
    expect(message("missing_aud")).toBe("Invalid login token. Missing a required claim: aud");
    expect(message("audience_mismatch")).toBe("Invalid login token. Incorrect token audience.");
    expect(message("azp_mismatch")).toBe("Invalid login token. Incorrect token audience.");
    expect(message("bad_signature")).toBe("Invalid login token. Couldn't verify signed token.");
    expect(message("no_matching_key")).toBe("Invalid login token. Couldn't verify signed token.");
  });

  it("says the signature could not be verified for every key-fetch problem", () => {
    for (const reason of [
      "untrusted_tls",
      "thumbprint_mismatch",
      "hostname_mismatch",
      "jwks_unreachable",
      "discovery_invalid",
      "jwks_invalid",
    ] as const) {
      expect(message(reason)).toBe("Invalid login token. Couldn't verify signed token.");
    }
  });

  it("says 'not a valid OpenId Connect identity token' for everything else about the token", () => {
    for (const reason of [
      "malformed",
      "token_too_large",
      "alg_not_allowed",
      "crit_unsupported",
      "missing_exp",
      "missing_sub",
      "not_yet_valid",
      "issued_in_future",
    ] as const) {
      expect(message(reason)).toBe("Invalid login token. Not a valid OpenId Connect identity token.");
    }
  });

  it("never leaks the operator detail", () => {
    expect(message("jwks_unreachable")).not.toContain("operator detail");
  });
});
