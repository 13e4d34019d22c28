import { refuse } from "../refusal.js";

/** Where the gateway's resources live: the parts of an execute-api ARN that are not per request. */
export interface ApiCoordinates {
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stage: string;
}

/** The action API Gateway's IAM authorization checks (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html). */
export const INVOKE_ACTION = "execute-api:Invoke";

/**
 * The request's path as policies see it: percent-decoded, so `Resource` is written as the path
 * reads. A path that the upstream might resolve differently from how it was authorised is refused
 * instead: dot segments, encoded slashes or backslashes, and control characters (a policy allowing
 * `users/alice/*` must not let `users/alice/..%2Fbob` through).
 */
export function policyPath(rawPath: string): string {
  const queryStart = rawPath.indexOf("?");
  const encoded = queryStart < 0 ? rawPath : rawPath.slice(0, queryStart);
  if (!encoded.startsWith("/")) throw refuse("The request path must start with '/'.", 400);
  if (/%(2f|5c)/i.test(encoded)) throw refuse("The request path must not contain encoded slashes.", 400);
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    throw refuse("The request path is not valid percent-encoding.", 400);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here.
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) throw refuse("The request path holds a forbidden character.", 400);
  if (decoded.split("/").some((segment) => segment === "." || segment === "..")) {
    throw refuse("The request path must not contain '.' or '..' segments.", 400);
  }
  return decoded;
}

/**
 * `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>`, as API Gateway names
 * the method being invoked (same page as INVOKE_ACTION); the path without its leading slash.
 */
export function invokeResource(api: ApiCoordinates, method: string, path: string): string {
  return `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${method.toUpperCase()}/${path.slice(1)}`;
}
