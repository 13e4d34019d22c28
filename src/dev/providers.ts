import { type CryptoKey, generateKeyPair } from "jose";
import { type Clock, type IdSource, type Logger, nowEpochSeconds } from "../shared/index.js";
import type { Store } from "../store/index.js";
import { authorize } from "./authorize.js";
import type { ProviderContext } from "./context.js";
import { discovery, jwks } from "./discovery.js";
import { Grants } from "./grants.js";
import { CORS_HEADERS, type DevRequest, type DevResponse, methodNotAllowed, preflight } from "./http.js";
import { issueIdToken } from "./id-token.js";
import { DevInputError } from "./input-error.js";
import { KeyRing } from "./key-ring.js";
import { mint, mintToken } from "./mint-endpoint.js";
import { checkSpecs, type TestProviderSpec } from "./spec.js";
import { token } from "./token-endpoint.js";
import { userinfo } from "./userinfo.js";

export interface TestProvidersDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly log: Logger;
  /** `http://127.0.0.1:4600`, known once the server listens. */
  readonly baseUrl: () => string;
}

interface Route {
  readonly methods: readonly string[];
  /** Called cross-origin by browser apps, so CORS headers and an OPTIONS preflight (http.ts). */
  readonly cors: boolean;
  readonly handle: (ctx: ProviderContext, req: DevRequest) => DevResponse | Promise<DevResponse>;
}

/** The routes under `/dev/idp/<name>/`. */
const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  [".well-known/openid-configuration", { methods: ["GET"], cors: true, handle: discovery }],
  ["jwks", { methods: ["GET"], cors: true, handle: jwks }],
  ["authorize", { methods: ["GET", "POST"], cors: false, handle: authorize }],
  ["token", { methods: ["POST"], cors: true, handle: token }],
  ["userinfo", { methods: ["GET", "POST"], cors: true, handle: userinfo }],
  ["mint", { methods: ["POST"], cors: true, handle: mint }],
]);

const PREFIX = "/dev/idp/";

/**
 * The built-in test OpenID providers of `idpool dev`, several issuers by path on the server's own
 * port (as navikt/mock-oauth2-server does). Built directly on jose rather than oidc-provider: that
 * library warns on every start on Node 20 and is far more than a test provider needs.
 */
export class TestProviders {
  private readonly providers = new Map<string, { readonly spec: TestProviderSpec; readonly ring: KeyRing }>();
  private readonly grants: Grants;
  /** The key `unknown-key` tokens are signed with: made once per process, never stored or published. */
  private unpublished: Promise<CryptoKey> | undefined;

  constructor(
    private readonly deps: TestProvidersDeps,
    specs: readonly TestProviderSpec[],
  ) {
    checkSpecs(specs);
    for (const spec of specs) this.providers.set(spec.name, { spec, ring: new KeyRing(deps, spec.name) });
    this.grants = new Grants(deps.clock, deps.ids);
  }

  /** Loads each provider's signing key from the store, creating it on first start. */
  async start(): Promise<void> {
    await Promise.all([...this.providers.values()].map((p) => p.ring.refresh()));
  }

  issuer(name: string): string {
    this.provider(name);
    return `${this.deps.baseUrl().replace(/\/+$/, "")}${PREFIX}${name}`;
  }

  names(): readonly string[] {
    return [...this.providers.keys()];
  }

  clientIds(name: string): readonly string[] {
    return this.provider(name).spec.clientIds;
  }

  /** Answers any request under /dev/idp/; undefined when the path is not one of its routes (the server then 404s). */
  async handle(req: DevRequest): Promise<DevResponse | undefined> {
    if (!req.path.startsWith(PREFIX)) return undefined;
    const rest = req.path.slice(PREFIX.length);
    const slash = rest.indexOf("/");
    if (slash === -1) return undefined;
    const route = ROUTES.get(rest.slice(slash + 1));
    const name = rest.slice(0, slash);
    if (!route || !this.providers.has(name)) return undefined;
    const corsHeaders = route.cors ? CORS_HEADERS : {};
    if (req.method === "OPTIONS" && route.cors) return preflight(route.methods);
    if (!route.methods.includes(req.method)) return methodNotAllowed(route.methods, corsHeaders);
    return route.handle(this.context(name), req);
  }

  /** The same code as `POST …/mint`; throws a DevInputError naming the member at fault. */
  async mint(name: string, request: unknown): Promise<string> {
    return mintToken(this.context(name), request);
  }

  /** A new signing key; the previous one stays published. Returns the new kid. */
  async rotateKey(name: string): Promise<string> {
    return this.provider(name).ring.rotate();
  }

  private provider(name: string): { readonly spec: TestProviderSpec; readonly ring: KeyRing } {
    const provider = this.providers.get(name);
    if (!provider) {
      throw new DevInputError(
        "name",
        `no test provider is named ${name}; the providers are ${this.names().join(", ")}`,
      );
    }
    return provider;
  }

  private context(name: string): ProviderContext {
    const { spec, ring } = this.provider(name);
    const { clock, log } = this.deps;
    const issuer = this.issuer(name);
    const userClaims = (sub: string) => spec.users.find((u) => u.sub === sub)?.claims ?? {};
    return {
      spec,
      issuer,
      basePath: `${PREFIX}${name}`,
      ring,
      grants: this.grants,
      clock,
      log,
      userClaims,
      issueIdToken: (request) =>
        issueIdToken(
          {
            issuer,
            clientIds: spec.clientIds,
            nowSeconds: nowEpochSeconds(clock),
            ring,
            userClaims: userClaims(request.sub),
            unpublishedKey: () => this.unpublishedKey(),
          },
          request,
        ),
    };
  }

  private unpublishedKey(): Promise<CryptoKey> {
    this.unpublished ??= generateKeyPair("RS256", { modulusLength: 2048 }).then((pair) => pair.privateKey);
    return this.unpublished;
  }
}
