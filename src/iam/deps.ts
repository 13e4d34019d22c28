import type { Clock, IdSource } from "../shared/index.js";
import type { Store } from "../store/index.js";

/** The verifier's key-continuity watch (oidc's OidcVerifier.acceptKeys), as the app wires it. */
export interface ProviderKeysPort {
  /** Accepts the key set held back for a provider URL (exactly `kids` when given). */
  accept(
    url: string,
    kids: readonly string[] | undefined,
  ): Promise<
    | { ok: true; acceptedKids: readonly string[] }
    | { ok: false; problem: "nothing_pending" }
    | { ok: false; problem: "kids_differ"; pendingKids: readonly string[] }
  >;
}

/**
 * `idpool thumbprint`'s inspection (oidc's inspectProviderChains), as the app wires it with the
 * server's trust options: the chains of a provider's discovery and jwks_uri hosts. Throws when the
 * discovery host cannot be reached at all.
 */
export type ProviderChainsPort = (providerUrl: string) => Promise<{
  readonly hosts: readonly {
    readonly role: "discovery" | "jwks_uri";
    readonly url: string;
    readonly certificates: readonly {
      readonly subject: string;
      readonly issuer: string;
      readonly validTo: string;
      readonly thumbprint: string;
    }[];
    readonly trustStore: { readonly verified: true } | { readonly verified: false; readonly error: string };
    readonly hostName: { readonly matches: true } | { readonly matches: false; readonly error: string };
  }[];
  readonly problem: string | undefined;
}>;

export interface IamDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly accountId: string;
  /** Development only: accept `http://` provider URLs (CONTRACT.md, `--allow-http-providers`). */
  readonly allowHttpProviders: boolean;
  /** `idpool dev`: the built-in test providers' URLs, registrable as http:// without the flag. */
  readonly httpProviderUrls?: () => readonly string[];
  /** IdpoolService.AcceptProviderKeys: absent where no verifier runs (setup tests). */
  readonly providerKeys?: ProviderKeysPort;
  /** IdpoolService.InspectProviderCertificates: absent where the app wires no inspection (setup tests). */
  readonly providerChains?: ProviderChainsPort;
}
