import type { PrefixRoute } from "../server/index.js";
import { CSS, HTML, JAVASCRIPT, type StaticFile, staticFilesRoute } from "./static-files.js";

/** Where `idpool dev` serves the browser example (examples/browser/). */
export const EXAMPLE_PREFIX = "/dev/example/";

/**
 * The package's examples/browser/ folder: two levels up from this module, which is src/app/ under
 * vitest and tsx, dist/app/ when built.
 */
export const EXAMPLE_DIR = new URL("../../examples/browser/", import.meta.url);

const FILES: ReadonlyMap<string, StaticFile> = new Map([
  ["", { file: "index.html", type: HTML }],
  ["index.html", { file: "index.html", type: HTML }],
  ["example.css", { file: "example.css", type: CSS }],
  ["dist/app.js", { file: "dist/app.js", type: JAVASCRIPT }],
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

/** The browser example's files under EXAMPLE_PREFIX (static-files.ts). */
export function exampleRoute(dir: URL = EXAMPLE_DIR): PrefixRoute {
  return staticFilesRoute(
    {
      prefix: EXAMPLE_PREFIX,
      files: FILES,
      headers: HEADERS,
      // Only the bundle can be missing: it is built at install (`npm run build:example`).
      missing: (file) => `examples/browser/${file} is missing: run \`npm run build:example\`.\n`,
    },
    dir,
  );
}
