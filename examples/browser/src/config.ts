/**
 * The example's settings, read from its own URL: `?endpoint=…&pool=…&provider=…&client=…`. Each
 * has a default, so the page works with no query at all when idpool dev serves it at
 * /dev/example/ (then the endpoint is the page's own origin). No DOM here: unit-tested in Node.
 */

/** The default identity pool of `idpool dev`. */
export const DEV_POOL = "us-east-1:00000000-0000-4000-8000-000000000000";
/** `idpool dev`'s default listen address, for a page served from anywhere else. */
export const DEFAULT_ENDPOINT = "http://127.0.0.1:4600";
/** Where `idpool dev` serves this page. */
export const SERVED_PATH = "/dev/example/";

export interface ExampleConfig {
  /** idpool's origin, e.g. `http://127.0.0.1:4600`: Cognito Identity is at `/`, test providers at `/dev/idp/<name>`. */
  readonly endpoint: string;
  readonly pool: string;
  /** The region of the pool id (`us-east-1:…`), for the SDK client. */
  readonly region: string;
  readonly provider: string;
  readonly client: string;
  /** The test provider's issuer: `<endpoint>/dev/idp/<provider>`. */
  readonly issuer: string;
  /** The page's own URL without query or fragment; the test provider accepts any loopback one. */
  readonly redirectUri: string;
  /** The query the settings came from, put back into the address bar after a sign-in. */
  readonly search: string;
}

/** A setting that cannot work, named for the page's error message. */
export class ConfigError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`?${parameter}=: ${message}`);
    this.name = "ConfigError";
  }
}

/** Cognito's IdentityPoolId pattern. */
const POOL = /^([\w-]+):[0-9a-f-]+$/;
/** A test provider name (src/dev/spec.ts): one path segment. */
const PROVIDER = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,62}$/;

function endpointOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("endpoint", `${JSON.stringify(value)} is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError("endpoint", "must be an http:// or https:// URL");
  }
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new ConfigError("endpoint", "must be idpool's origin only, e.g. http://127.0.0.1:4600");
  }
  return url.origin;
}

/** The settings in `pageUrl`'s query, with the defaults for those it leaves out. */
export function readConfig(pageUrl: string): ExampleConfig {
  const page = new URL(pageUrl);
  const query = page.searchParams;
  const param = (name: string): string | undefined => {
    const value = query.get(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const servedByIdpool = page.pathname.startsWith(SERVED_PATH);
  const endpoint = endpointOf(param("endpoint") ?? (servedByIdpool ? page.origin : DEFAULT_ENDPOINT));
  const pool = param("pool") ?? DEV_POOL;
  const region = POOL.exec(pool)?.[1];
  if (region === undefined) throw new ConfigError("pool", `${JSON.stringify(pool)} is not an identity pool id`);
  const provider = param("provider") ?? "dev";
  if (!PROVIDER.test(provider)) throw new ConfigError("provider", `${JSON.stringify(provider)} is not a provider name`);
  const client = param("client") ?? "dev-client";
  const settings = new URLSearchParams();
  for (const name of ["endpoint", "pool", "provider", "client"]) {
    const value = param(name);
    if (value !== undefined) settings.set(name, value);
  }
  const encoded = settings.toString();
  const search = encoded === "" ? "" : `?${encoded}`;
  return {
    endpoint,
    pool,
    region,
    provider,
    client,
    issuer: `${endpoint}/dev/idp/${provider}`,
    redirectUri: `${page.origin}${page.pathname}`,
    search,
  };
}

/**
 * The key of an OpenID provider's token in `Logins`: its issuer without the scheme, as Cognito
 * names OpenID Connect providers (e.g. `127.0.0.1:4600/dev/idp/dev`).
 */
export function loginsKey(issuer: string): string {
  return issuer.replace(/^https?:\/\//, "");
}
