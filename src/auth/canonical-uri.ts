import { uriEncode } from "./uri-encode.js";

/**
 * CanonicalURI (AWS SigV4 docs, "Create a canonical request"): for every service except Amazon S3
 * the path is normalised (RFC 3986 §5.2.4 dot segments removed; smithy also drops empty segments)
 * and each segment is URI-encoded once more. The path arrives already percent-encoded once by the
 * client, so this second pass is the "encode twice" the docs describe: `/a%20b` → `/a%2520b`.
 * Mirrors `SignatureV4Base.getCanonicalPath` in @smithy/signature-v4 with `uriEscapePath: true`
 * (its default, and what every SDK client for these services uses).
 */
export function canonicalUri(path: string): string {
  // The only path the SDK sends to these services (reference/toolchain.md §2): skip the work.
  if (path === "/") return "/";
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(uriEncode(segment));
  }
  const leading = path.startsWith("/") ? "/" : "";
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : "";
  return `${leading}${segments.join("/")}${trailing}`;
}
