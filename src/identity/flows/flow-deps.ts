import type { PublicProviderUrls } from "../../config/index.js";
import type { OidcVerifier } from "../../oidc/index.js";
import type { RoleAssumer } from "../../sts/index.js";
import type { OpenIdTokenIssuer } from "../../tokens/index.js";
import type { IdentityDeps } from "../deps.js";

/** What the identity flows (GetId, GetCredentialsForIdentity, GetOpenIdToken…) need besides admin's deps. */
export interface FlowDeps extends IdentityDeps {
  readonly verifier: OidcVerifier;
  readonly tokens: OpenIdTokenIssuer;
  readonly assumer: RoleAssumer;
  readonly publicProviders: PublicProviderUrls;
}
