import { readFile } from "node:fs/promises";
import type { GetRoute, PrefixRequest, PrefixResponse, PrefixRoute } from "../server/index.js";

/** Where `serve` and `dev` serve the web console. */
export const CONSOLE_PREFIX = "/console/";

/**
 * The console's built files (console/dist/, its esbuild output): two levels up from this module,
 * which is src/app/ under vitest and tsx, dist/app/ when built.
 */
export const CONSOLE_DIR = new URL("../../console/dist/", import.meta.url);

/** The only files served, by path under the prefix: a fixed list, so no other path can reach the disk. */
const FILES: ReadonlyMap<string, { readonly file: string; readonly type: string }> = new Map([
  ["", { file: "index.html", type: "text/html; charset=utf-8" }],
  ["index.html", { file: "index.html", type: "text/html; charset=utf-8" }],
  ["app.js", { file: "app.js", type: "text/javascript; charset=utf-8" }],
  ["app.css", { file: "app.css", type: "text/css; charset=utf-8" }],
]);

/**
 * The console talks to idpool only, at its own origin (SigV4-signed calls to POST /), and loads
 * only its own files; it cannot be framed (also x-frame-options for older browsers), and its URL
 * is never sent on as a Referer. Nothing is cached: the console shows credentials-bearing answers.
 */
export const CONSOLE_CSP = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

const HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "content-security-policy": CONSOLE_CSP,
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function text(status: number, body: string, headers: Readonly<Record<string, string>> = {}): PrefixResponse {
  return { status, headers: { ...HEADERS, "content-type": "text/plain; charset=utf-8", ...headers }, body };
}

/**
 * The console's files under CONSOLE_PREFIX, read from `dir` on each request (a rebuilt console shows
 * at once). GET and HEAD only; a path not in the list is the server's 404; a file not built yet is
 * a 404 saying so.
 */
export function consoleRoute(dir: URL = CONSOLE_DIR): PrefixRoute {
  return async (req: PrefixRequest) => {
    const entry = FILES.get(req.path.slice(CONSOLE_PREFIX.length));
    if (!req.path.startsWith(CONSOLE_PREFIX) || entry === undefined) return undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      return text(405, `${req.method} is not allowed here: GET or HEAD.\n`, { allow: "GET, HEAD" });
    }
    let body: Buffer;
    try {
      body = await readFile(new URL(entry.file, dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return text(
        404,
        `The web console is not built: console/dist/${entry.file} is missing. Build the console (console/build.mjs) and reload.\n`,
      );
    }
    return { status: 200, headers: { ...HEADERS, "content-type": entry.type }, body };
  };
}

/** `GET /` (and `GET /console`): a 302 to the console. A `GET /?Action=…` stays an AWS Query call. */
export const redirectToConsole: GetRoute = async () => ({
  status: 302,
  body: { message: `The web console is at ${CONSOLE_PREFIX}` },
  headers: { location: CONSOLE_PREFIX, "cache-control": "no-store" },
});
