import { type ServiceError, serviceError } from "../errors/index.js";
import {
  type Operation,
  type OperationRegistry,
  QUERY_NAMESPACES,
  QUERY_VERSIONS,
  type ServiceName,
} from "./operation.js";
import { parseForm } from "./query-form.js";
import { headerSafe, mediaType, type WireRequest, type WireResponse } from "./wire.js";
import { toXml, xmlEscape } from "./wire-values.js";

/** AWS Query as IAM and STS speak it (reference §1.2, §1.3). */
const FORM = "application/x-www-form-urlencoded";
const XML_CONTENT_TYPE = "text/xml";

export interface QueryCall {
  readonly op: Operation;
  readonly form: Map<string, string>;
}

/**
 * The form of a Query request: the URL-encoded body of a POST, or the query string of a GET, as
 * AWS's Query services take both (a presigned GET such as STS GetCallerIdentity carries all of it
 * in the URL, signature parameters included; the decoder ignores members outside the model).
 */
function formText(req: WireRequest): string {
  if (req.method === "GET") {
    const start = req.rawPath.indexOf("?");
    return start < 0 ? "" : req.rawPath.slice(start + 1);
  }
  const type = mediaType(req.headers);
  if (type !== FORM) {
    throw serviceError(
      "UnsupportedMediaType",
      `Unsupported Content-Type '${type || "(none)"}'; AWS Query requests are ${FORM}, JSON requests need X-Amz-Target.`,
    );
  }
  return req.body.toString("utf8");
}

export function resolveQueryOperation(registry: OperationRegistry, req: WireRequest): QueryCall {
  const text = formText(req);
  if (/[^\x20-\x7e\r\n\t]/.test(text))
    throw serviceError("SerializationException", "Form body must be URL-encoded ASCII.");
  const form = parseForm(text);
  const action = form.get("Action");
  const version = form.get("Version");
  if (!action) throw serviceError("UnknownOperationException", "Request is missing the 'Action' parameter.");
  if (!version) throw serviceError("UnknownOperationException", "Request is missing the 'Version' parameter.");
  const op = registry.query.get(version)?.get(action);
  if (!op) {
    throw serviceError(
      "UnknownOperationException",
      `Could not find operation ${headerSafe(action)} for version ${headerSafe(version)}.`,
    );
  }
  return { op, form };
}

/** The namespace of the service a request was meant for, even when it failed to resolve. */
export function queryServiceOf(req: WireRequest): ServiceName {
  const version = /(?:^|&)Version=([^&]*)/.exec(req.method === "GET" ? req.rawPath : req.body.toString("utf8"))?.[1];
  return (version && QUERY_VERSIONS[decodeURIComponent(version)]) || "iam";
}

export function encodeQuerySuccess(op: Operation, output: object | undefined, requestId: string): WireResponse {
  const ns = QUERY_NAMESPACES[op.service] ?? "";
  const result = output === undefined ? "" : `<${op.name}Result>${toXml(output)}</${op.name}Result>`;
  return {
    status: 200,
    headers: { "content-type": XML_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body:
      `<${op.name}Response xmlns="${ns}">${result}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op.name}Response>`,
  };
}

/** The one place a Query error becomes wire bytes. */
export function encodeQueryError(error: ServiceError, service: ServiceName, requestId: string): WireResponse {
  const ns = QUERY_NAMESPACES[service] ?? QUERY_NAMESPACES.iam ?? "";
  const type = error.queryStatus >= 500 ? "Receiver" : "Sender";
  return {
    status: error.queryStatus,
    headers: { "content-type": XML_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body:
      `<ErrorResponse xmlns="${ns}"><Error><Type>${type}</Type><Code>${xmlEscape(error.queryCode)}</Code>` +
      `<Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
