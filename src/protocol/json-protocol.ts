import { type ServiceError, serviceError } from "../errors/index.js";
import type { Operation, OperationRegistry } from "./operation.js";
import { headerSafe, headerValue, mediaType, type WireRequest, type WireResponse } from "./wire.js";
import { toJsonValue } from "./wire-values.js";

/** AWS JSON 1.1 as Cognito Identity (and idpool's own IdpoolService) speaks it (reference §1.1). */
export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
const ACCEPTED_MEDIA_TYPES = new Set([JSON_CONTENT_TYPE, "application/x-amz-json-1.0", "application/json"]);

export function isJsonRequest(req: WireRequest): boolean {
  return headerValue(req.headers, "x-amz-target") !== undefined || mediaType(req.headers).includes("json");
}

export function resolveJsonOperation(registry: OperationRegistry, req: WireRequest): Operation {
  const type = mediaType(req.headers);
  if (!ACCEPTED_MEDIA_TYPES.has(type)) {
    throw serviceError(
      "UnsupportedMediaType",
      `Unsupported Content-Type '${type || "(none)"}'; Cognito Identity expects ${JSON_CONTENT_TYPE}.`,
    );
  }
  const target = headerValue(req.headers, "x-amz-target") ?? "";
  const op = registry.json.get(target);
  if (!op) {
    const shown = target ? `'${headerSafe(target)}'` : "(missing X-Amz-Target header)";
    throw serviceError("UnknownOperationException", `Unknown operation ${shown}.`);
  }
  return op;
}

export function decodeJsonBody(req: WireRequest): unknown {
  const text = req.body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw serviceError("SerializationException", `Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw serviceError("SerializationException", "Request body must be a JSON object.");
  }
  return parsed;
}

export function encodeJsonSuccess(output: object | undefined, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { "content-type": JSON_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: JSON.stringify(toJsonValue(output ?? {})),
  };
}

/** The one place a JSON error becomes wire bytes (reference §1.1 error response). */
export function encodeJsonError(error: ServiceError, requestId: string): WireResponse {
  return {
    status: error.status,
    headers: {
      "content-type": JSON_CONTENT_TYPE,
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": `${error.code}:`,
      "x-amzn-errormessage": headerSafe(error.message),
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
