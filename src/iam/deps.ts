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
}
