import { serviceError } from "../../errors/index.js";

/**
 * Provider URL rules (reference §7.1; IAM API reference, CreateOpenIDConnectProvider `Url`):
 * `https://host[:port][/path]`, no query string or fragment, no user info. The text is kept as
 * written, not normalised: IAM treats URLs case-sensitively and a trailing slash makes another
 * provider, and the URL must equal the tokens' `iss` exactly. A port is accepted (AWS discourages
 * one) because self-hosted providers often listen on one (CONTRACT.md, "Trust in an identity
 * provider's keys").
 */
export interface CheckedProviderUrl {
  readonly url: string;
  /** The URL without its scheme: the ARN's resource part and the provider's logins-map key. */
  readonly loginsKey: string;
}

function invalid(reason: string): never {
  throw serviceError("InvalidInput", `Invalid Open ID Connect Provider URL: ${reason}.`);
}

const AUTHORITY = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;

/** The URL without `https://` or `http://`, as IAM shows it in `Url` and in the ARN. */
export function loginsKeyOf(url: string): string {
  return url.replace(/^https?:\/\//, "");
}

export function checkProviderUrl(url: string, allowHttp: boolean): CheckedProviderUrl {
  const scheme = url.startsWith("https://") ? "https://" : allowHttp && url.startsWith("http://") ? "http://" : "";
  if (!scheme) invalid(allowHttp ? "it must begin with https:// or http://" : "it must begin with https://");
  if (!/^[\x21-\x7e]+$/.test(url)) invalid("it must not contain spaces or non-ASCII characters");
  if (url.includes("?") || url.includes("#")) invalid("it must not contain a query string or a fragment");
  const rest = url.slice(scheme.length);
  const slash = rest.indexOf("/");
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  if (authority.includes("@")) invalid("it must not contain user information");
  if (!AUTHORITY.test(authority)) invalid("it must name a host");
  const port = /:(\d+)$/.exec(authority)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) invalid("its port must be 1-65535");
  if (!URL.canParse(url)) invalid("it is not a URL");
  return { url, loginsKey: rest };
}
