/** The request and response shapes the server hands over: this module knows nothing of node:http. */
export interface DevRequest {
  readonly method: string;
  /** The path without the query. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface DevResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

/**
 * Token, userinfo, mint, discovery and JWKS are called by browser apps on other origins (a
 * single-page app on localhost:5173 reading the token endpoint's answer), so they allow any origin.
 * Nothing here rests on cookies, so `*` grants no ambient authority.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "www-authenticate",
};

export function preflight(methods: readonly string[]): DevResponse {
  return {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "access-control-allow-methods": [...methods, "OPTIONS"].join(", "),
      "access-control-allow-headers": "authorization, content-type",
      "access-control-max-age": "86400",
    },
    body: "",
  };
}

/** RFC 6749 §5.1: responses that carry tokens (and their errors) must not be cached. */
export const NO_STORE: Readonly<Record<string, string>> = { "cache-control": "no-store", pragma: "no-cache" };

export function json(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): DevResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}

export function methodNotAllowed(methods: readonly string[], headers: Readonly<Record<string, string>>): DevResponse {
  return json(405, { error: "method_not_allowed" }, { ...headers, allow: [...methods, "OPTIONS"].join(", ") });
}

/** A header's one value; repeated headers count as absent (a request that repeats Authorization is odd). */
export function header(req: DevRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** An OAuth request parameter that breaks RFC 6749 §3.1 (repeated), named for the error description. */
export class RepeatedParameter extends Error {
  constructor(readonly parameter: string) {
    super(`${parameter} is given more than once (RFC 6749 §3.1)`);
  }
}

/**
 * Form or query parameters read the way RFC 6749 §3.1 says: an empty value counts as absent, and a
 * parameter may not appear twice.
 */
export class Params {
  constructor(private readonly params: URLSearchParams) {}

  static ofForm(body: Buffer): Params {
    return new Params(new URLSearchParams(body.toString("utf8")));
  }

  get(name: string): string | undefined {
    const values = this.params.getAll(name);
    if (values.length > 1) throw new RepeatedParameter(name);
    const value = values[0];
    return value === undefined || value === "" ? undefined : value;
  }

  has(name: string): boolean {
    return this.params.has(name);
  }
}
