import { loadConfig } from "../../src/config/index.js";
import { iamOperations } from "../../src/iam/index.js";
import { identityOperations } from "../../src/identity/index.js";
import { OidcVerifier } from "../../src/oidc/index.js";
import { buildRegistry, type OperationRegistry } from "../../src/protocol/index.js";
import { cryptoIds, type Logger, NO_EVENTS, systemClock } from "../../src/shared/index.js";
import type { Store } from "../../src/store/index.js";
import { Keyring, RevocationList, RoleAssumer } from "../../src/sts/index.js";
import { OpenIdTokenIssuer, SigningKeySet } from "../../src/tokens/index.js";

export const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/**
 * The IAM and Cognito Identity operations over `store`, wired as src/app wires them, for the
 * in-process ApiCaller: applying through it writes the same store a test server answers from.
 */
export function registryOver(store: Store, region = "us-east-1", accountId = "000000000000"): OperationRegistry {
  const clock = systemClock;
  const ids = cryptoIds;
  const domain = { store, clock, ids, region, accountId };
  const verifier = new OidcVerifier({ clock, log: silent, trust: { trustPublicCa: false, allowHttpProviders: false } });
  const tokens = new OpenIdTokenIssuer(new SigningKeySet(store, clock), clock, () => "http://127.0.0.1");
  const keyring = new Keyring(store, clock, ids);
  const assumer = new RoleAssumer({ ...domain, keyring });
  return buildRegistry([
    ...iamOperations({ ...domain, allowHttpProviders: false }),
    ...identityOperations({
      ...domain,
      verifier,
      tokens,
      assumer,
      publicProviders: loadConfig({}, {}).publicProviders,
      events: NO_EVENTS,
      revocations: new RevocationList(store, clock),
    }),
  ]);
}
