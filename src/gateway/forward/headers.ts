import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { Principal } from "../../shared/index.js";

/** Headers the upstream may trust because the gateway sets them (README: "Protect your own API"). */
export const TRUSTED_HEADERS = {
  identityId: "x-idpool-identity-id",
  roleArn: "x-idpool-role-arn",
  principalTags: "x-idpool-principal-tags",
} as const;

const TRUSTED_PREFIX = "x-idpool-";

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** The caller's credentials stay at the gateway: the upstream learns who called from TRUSTED_HEADERS. */
const CREDENTIAL_HEADERS = new Set(["authorization", "x-amz-security-token"]);

function withoutHopByHop(headers: IncomingHttpHeaders, drop: (name: string) => boolean): OutgoingHttpHeaders {
  const listed = new Set(
    String(headers.connection ?? "")
      .split(",")
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || drop(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * The request headers the upstream receives: the caller's, less hop-by-hop headers, its
 * credentials and ANY `x-idpool-*` header it sent (so none can be forged), plus the gateway's
 * own: who called, as the verified session says. `Host` names the upstream.
 */
export function upstreamRequestHeaders(
  headers: IncomingHttpHeaders,
  principal: Principal,
  upstreamHost: string,
  sourceIp: string | undefined,
): OutgoingHttpHeaders {
  const out = withoutHopByHop(headers, (name) => name.startsWith(TRUSTED_PREFIX) || CREDENTIAL_HEADERS.has(name));
  out.host = upstreamHost;
  if (sourceIp !== undefined) {
    const before = headers["x-forwarded-for"];
    out["x-forwarded-for"] = before ? `${String(before)}, ${sourceIp}` : sourceIp;
  }
  const session = principal.session;
  if (session) {
    out[TRUSTED_HEADERS.roleArn] = session.roleArn;
    out[TRUSTED_HEADERS.principalTags] = JSON.stringify(session.tags);
    if (session.identityId !== undefined) out[TRUSTED_HEADERS.identityId] = session.identityId;
  }
  return out;
}

/** The upstream's response headers, less hop-by-hop ones, for the caller. */
export function callerResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return withoutHopByHop(headers, () => false);
}

/** Presigned requests carry their signature in the query; the upstream gets the query without it. */
const PRESIGN_PARAMETERS = new Set([
  "x-amz-algorithm",
  "x-amz-credential",
  "x-amz-date",
  "x-amz-expires",
  "x-amz-signedheaders",
  "x-amz-signature",
  "x-amz-security-token",
]);

export function upstreamPath(basePath: string, rawPath: string): string {
  const queryStart = rawPath.indexOf("?");
  const path = queryStart < 0 ? rawPath : rawPath.slice(0, queryStart);
  const kept =
    queryStart < 0
      ? []
      : rawPath
          .slice(queryStart + 1)
          .split("&")
          .filter((pair) => pair !== "" && !PRESIGN_PARAMETERS.has(decodeName(pair).toLowerCase()));
  const base = basePath.replace(/\/+$/, "");
  return `${base}${path}${kept.length > 0 ? `?${kept.join("&")}` : ""}`;
}

function decodeName(pair: string): string {
  const name = pair.split("=", 1)[0] ?? "";
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
