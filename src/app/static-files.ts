import { readFile } from "node:fs/promises";
import type { PrefixRequest, PrefixResponse, PrefixRoute } from "../server/index.js";

/** One file a static route serves: where it is under the folder, and its media type. */
export interface StaticFile {
  readonly file: string;
  readonly type: string;
}

export interface StaticFilesSpec {
  readonly prefix: string;
  /** By path under the prefix: a fixed list, so no other path can reach the disk. */
  readonly files: ReadonlyMap<string, StaticFile>;
  /** Sent with every answer (cache-control, CSP, …). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body of the 404 for a listed file that is not there (a bundle not built yet). */
  readonly missing: (file: string) => string;
}

/**
 * A page's files under a prefix, read from `dir` on each request (a rebuilt bundle shows at once;
 * nothing is cached). GET and HEAD only; a path not in the list is the server's 404. Used by the web
 * console and `idpool dev`'s browser example.
 */
export function staticFilesRoute(spec: StaticFilesSpec, dir: URL): PrefixRoute {
  const text = (status: number, body: string, extra: Readonly<Record<string, string>> = {}): PrefixResponse => ({
    status,
    headers: { ...spec.headers, "content-type": "text/plain; charset=utf-8", ...extra },
    body,
  });
  return async (req: PrefixRequest) => {
    const entry = spec.files.get(req.path.slice(spec.prefix.length));
    if (!req.path.startsWith(spec.prefix) || entry === undefined) return undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      return text(405, `${req.method} is not allowed here: GET or HEAD.\n`, { allow: "GET, HEAD" });
    }
    let body: Buffer;
    try {
      body = await readFile(new URL(entry.file, dir));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return text(404, spec.missing(entry.file));
    }
    return { status: 200, headers: { ...spec.headers, "content-type": entry.type }, body };
  };
}

export const HTML = "text/html; charset=utf-8";
export const CSS = "text/css; charset=utf-8";
export const JAVASCRIPT = "text/javascript; charset=utf-8";
