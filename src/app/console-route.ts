import type { GetRoute, PrefixRoute } from "../server/index.js";
import { CSS, HTML, JAVASCRIPT, type StaticFile, staticFilesRoute } from "./static-files.js";

/** Where `serve` and `dev` serve the web console. */
export const CONSOLE_PREFIX = "/console/";

/**
 * The console's built files (console/dist/, its esbuild output): two levels up from this module,
 * which is src/app/ under vitest and tsx, dist/app/ when built.
 */
export const CONSOLE_DIR = new URL("../../console/dist/", import.meta.url);

const FILES: ReadonlyMap<string, StaticFile> = new Map([
  ["", { file: "index.html", type: HTML }],
  ["index.html", { file: "index.html", type: HTML }],
  ["app.js", { file: "app.js", type: JAVASCRIPT }],
  ["app.css", { file: "app.css", type: CSS }],
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

/** The console's files under CONSOLE_PREFIX (static-files.ts); a file not built yet is a 404 saying so. */
export function consoleRoute(dir: URL = CONSOLE_DIR): PrefixRoute {
  return staticFilesRoute(
    {
      prefix: CONSOLE_PREFIX,
      files: FILES,
      headers: HEADERS,
      missing: (file) =>
        `The web console is not built: console/dist/${file} is missing. Build the console (console/build.mjs) and reload.\n`,
    },
    dir,
  );
}

/** `GET /` (and `GET /console`): a 302 to the console. A `GET /?Action=…` stays an AWS Query call. */
export const redirectToConsole: GetRoute = async () => ({
  status: 302,
  body: { message: `The web console is at ${CONSOLE_PREFIX}` },
  headers: { location: CONSOLE_PREFIX, "cache-control": "no-store" },
});
