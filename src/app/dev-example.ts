import { readFile } from "node:fs/promises";
import type { PrefixRequest, PrefixResponse, PrefixRoute } from "../server/index.js";

/** Where `idpool dev` serves the browser example (examples/browser/). */
export const EXAMPLE_PREFIX = "/dev/example/";

/**
 * The package's examples/browser/ folder: two levels up from this module, which is src/app/ under
 * vitest and tsx, dist/app/ when built.
 */
export const EXAMPLE_DIR = new URL("../../examples/browser/", import.meta.url);

/** The only files served, by path under the prefix: a fixed list, so no other path can reach the disk. */
const FILES: ReadonlyMap<string, { readonly file: string; readonly type: string }> = new Map([
  ["", { file: "index.html", type: "text/html; charset=utf-8" }],
  ["index.html", { file: "index.html", type: "text/html; charset=utf-8" }],
  ["example.css", { file: "example.css", type: "text/css; charset=utf-8" }],
  ["dist/app.js", { file: "dist/app.js", type: "text/javascript; charset=utf-8" }],
]);

/**
 * Only this page's own files load (its script is dist/app.js, no inline script); fetch may reach
 * idpool at the page's own origin or at a loopback ?endpoint= (the test provider redirects to
 * loopback URIs only, so the example only works from loopback origins anyway). The page cannot be
 * framed, and its URL (code, state) is never sent on as a Referer.
 */
const CSP = [
  "default-src 'self'",
  // The page's favicon is `data:,` so that browsers do not ask for /favicon.ico.
  "img-src 'self' data:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function text(status: number, body: string, headers: Readonly<Record<string, string>> = {}): PrefixResponse {
  return { status, headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8", ...headers }, body };
}

/**
 * The browser example's files under EXAMPLE_PREFIX, read from `dir` on each request (so a rebuilt
 * bundle shows at once; nothing is cached). GET and HEAD only; any other path is the server's 404.
 */
export function exampleRoute(dir: URL = EXAMPLE_DIR): PrefixRoute {
  return async (req: PrefixRequest) => {
    const entry = FILES.get(req.path.slice(EXAMPLE_PREFIX.length));
    if (!req.path.startsWith(EXAMPLE_PREFIX) || entry === undefined) return undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      return text(405, `${req.method} is not allowed here: GET or HEAD.\n`, { allow: "GET, HEAD" });
    }
    let body: Buffer;
    try {
      body = await readFile(new URL(entry.file, dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // Only the bundle can be missing: it is built at install (`npm run build:example`).
      return text(404, `examples/browser/${entry.file} is missing: run \`npm run build:example\`.\n`);
    }
    return { status: 200, headers: { ...HEADERS, "content-type": entry.type }, body };
  };
}
