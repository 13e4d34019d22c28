/**
 * Opaque tokens (Facebook, Amazon) are checked by asking their provider's token-inspection API,
 * over the TLS trust and limits of key fetches. The token goes in the Authorization header, never
 * in the URL, so no detail or log line can carry it.
 */
import { type FetchLimits, type FetchTrust, fetchDocument } from "./https-fetch.js";

/** `refused`: the provider answered 4xx (the token is bad); otherwise it could not be asked. */
export type InspectOutcome = { ok: true; json: unknown } | { ok: false; refused: boolean; detail: string };

/** GETs the JSON document `url` answers for `bearerToken`. */
export async function inspectToken(
  url: URL,
  bearerToken: string,
  trust: FetchTrust,
  limits: FetchLimits,
): Promise<InspectOutcome> {
  const result = await fetchDocument(url, "discovery", trust, limits, undefined, {
    authorization: `Bearer ${bearerToken}`,
  });
  if (!result.ok) {
    const refused = result.httpStatus !== undefined && result.httpStatus >= 400 && result.httpStatus < 500;
    return { ok: false, refused, detail: result.rejection.detail };
  }
  try {
    return { ok: true, json: JSON.parse(result.body) as unknown };
  } catch {
    return { ok: false, refused: false, detail: `${url.origin}${url.pathname}: answer is not JSON` };
  }
}
