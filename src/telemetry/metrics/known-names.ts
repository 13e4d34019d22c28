/**
 * Which pools and providers are registered, so that a label never takes a value a caller made up
 * (Prometheus, "Instrumentation": "do not use labels to store dimensions with high cardinality").
 * Read from the store whenever its configuration version changes; telemetry imports no store
 * module, so the store is described here by the few members it reads.
 */

/** A pool as the store lists it: only the names of its providers are read. */
export interface PoolNames {
  readonly poolId: string;
  readonly supportedLoginProviders: Readonly<Record<string, string>>;
  readonly openIdConnectProviderArns: readonly string[];
  readonly cognitoIdentityProviders: readonly { readonly providerName: string }[];
}

/** An IAM OpenID Connect provider as registered. */
export interface ProviderTarget {
  readonly url: string;
  readonly thumbprints: readonly string[];
}

/** The part of the store the names are read from (the app passes its Store). */
export interface NameStore {
  configVersion(): Promise<number>;
  readonly pools: {
    list(
      limit: number,
      after: string | undefined,
    ): Promise<{ readonly items: readonly PoolNames[]; readonly nextAfter: string | undefined }>;
  };
  readonly oidcProviders: { list(): Promise<readonly ProviderTarget[]> };
}

const PAGE = 500;
/** Names waiting for a re-read; past this an unknown name counts as `other` at once. */
const MAX_WAITING = 10_000;
/** Re-reads start at most this often, so unknown names cannot turn into a query storm. */
const MIN_SPACING_MS = 100;

/** A provider's label: its logins key, which is its URL without the scheme (Cognito's Logins map keys). */
export const providerName = (url: string): string => url.replace(/^https?:\/\//, "");

export class KnownNames {
  private pools: ReadonlySet<string> = new Set();
  private providerNames: ReadonlySet<string>;
  private targets: readonly ProviderTarget[] = [];
  private version: number | undefined;
  private waiting: (() => void)[] = [];
  private running: Promise<void> | undefined;
  private lastStartMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: NameStore | undefined,
    /** Providers known without registration: the public providers' and idpool's own. */
    private readonly fixedProviders: readonly string[],
    private readonly onError: (error: unknown) => void,
  ) {
    this.providerNames = new Set(fixedProviders);
  }

  hasPool(poolId: string): boolean {
    return this.pools.has(poolId);
  }

  hasProvider(name: string): boolean {
    return this.providerNames.has(name);
  }

  /** The registered IAM providers, as last read. */
  providers(): readonly ProviderTarget[] {
    return this.targets;
  }

  /** Runs `then` once the names were read again (a pool created a moment ago is then known). */
  later(then: () => void): void {
    if (!this.store || this.waiting.length >= MAX_WAITING) {
      then();
      return;
    }
    this.waiting.push(then);
    void this.settle();
  }

  /** Reads the names if the configuration changed, then runs what waited; one read at a time. */
  settle(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      const waitMs = this.lastStartMs + MIN_SPACING_MS - performance.now();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      this.lastStartMs = performance.now();
      const batch = this.waiting;
      this.waiting = [];
      try {
        await this.read();
      } catch (error) {
        this.onError(error);
      }
      for (const then of batch) then();
    } while (this.waiting.length > 0);
  }

  private async read(): Promise<void> {
    if (!this.store) return;
    const version = await this.store.configVersion();
    if (version === this.version) return;
    const pools = new Set<string>();
    const names = new Set(this.fixedProviders);
    let after: string | undefined;
    do {
      const page = await this.store.pools.list(PAGE, after);
      for (const pool of page.items) {
        pools.add(pool.poolId);
        for (const key of Object.keys(pool.supportedLoginProviders)) names.add(key);
        // arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH names the logins key HOST/PATH.
        for (const arn of pool.openIdConnectProviderArns) names.add(arn.replace(/^[^/]*:oidc-provider\//, ""));
        for (const provider of pool.cognitoIdentityProviders) names.add(provider.providerName);
      }
      after = page.nextAfter;
    } while (after !== undefined);
    const registered = await this.store.oidcProviders.list();
    for (const provider of registered) names.add(providerName(provider.url));
    this.pools = pools;
    this.providerNames = names;
    this.targets = registered.map(({ url, thumbprints }) => ({ url, thumbprints }));
    this.version = version;
  }
}
