/**
 * The test provider's clients are apps on the developer's machine, so their redirect URIs are
 * loopback ones on any port (RFC 8252 §7.3, §8.3): `http://localhost`, `http://127.0.0.1` and
 * `http://[::1]`. Anything else is refused and never redirected to, so the provider cannot be used
 * to send codes or tokens off the machine.
 */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why `uri` is not an acceptable redirect URI, or undefined when it is. */
export function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "is not an absolute URL";
  }
  if (url.protocol !== "http:" || !LOOPBACK_HOSTS.has(url.hostname)) {
    return "must be a loopback URL: http://localhost:<port>/…, http://127.0.0.1:<port>/… or http://[::1]:<port>/…";
  }
  if (url.username !== "" || url.password !== "") return "must not contain a user name or password";
  // RFC 6749 §3.1.2: "The endpoint URI MUST NOT include a fragment component."
  if (uri.includes("#")) return "must not contain a fragment (RFC 6749 §3.1.2)";
  return undefined;
}
