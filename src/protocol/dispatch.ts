import { isServiceError, type ServiceError, serviceError } from "../errors/index.js";
import type { EventSink, Logger, Principal } from "../shared/index.js";
import { validateAndHandle } from "./call-operation.js";
import {
  decodeJsonBody,
  encodeJsonError,
  encodeJsonSuccess,
  isJsonRequest,
  resolveJsonOperation,
} from "./json-protocol.js";
import type { Operation, OperationRegistry, RequestContext, ServiceName } from "./operation.js";
import { decodeQueryInput } from "./query-form.js";
import { encodeQueryError, encodeQuerySuccess, queryServiceOf, resolveQueryOperation } from "./query-protocol.js";
import { outcomeOf, requestEvent } from "./request-event.js";
import type { WireRequest, WireResponse } from "./wire.js";

/** Establishes who signed a request for `op`, and that they may call it, or throws the auth error. */
export type Authenticate = (req: WireRequest, op: Operation) => Promise<Principal>;

export interface DispatchDeps {
  readonly registry: OperationRegistry;
  readonly authenticate: Authenticate;
  /** Told of every call that reached an operation, answered or refused (metrics, audit). */
  readonly events?: EventSink;
  /**
   * Throws the throttling error for a call over its operation's quota (AWS throttles before it
   * authenticates); absent when no quotas are set.
   */
  readonly admit?: (op: Operation) => void;
}

const internalError = () =>
  serviceError("InternalError", "An internal error occurred. The request id identifies it in the server log.");

/** Anything that is not a ServiceError is logged once and answered as the generic internal error. */
function asServiceError(error: unknown, log: Logger): ServiceError {
  if (isServiceError(error)) return error;
  log.error({ err: error }, "internal error");
  return internalError();
}

/**
 * The fixed steps of every AWS call (DESIGN.md): decode → authenticate → validate → handle → encode.
 * Every failure becomes the protocol's error shape here and nowhere else.
 */
export async function dispatch(
  deps: DispatchDeps,
  req: WireRequest,
  requestId: string,
  log: Logger,
): Promise<WireResponse> {
  if (isJsonRequest(req)) {
    try {
      const op = resolveJsonOperation(deps.registry, req);
      const body = decodeJsonBody(req);
      const output = await run(deps, op, req, () => body, requestId, log);
      return encodeJsonSuccess(output, requestId);
    } catch (error) {
      return encodeJsonError(asServiceError(error, log), requestId);
    }
  }
  let service: ServiceName = queryServiceOf(req);
  try {
    const { op, form } = resolveQueryOperation(deps.registry, req);
    service = op.service;
    const output = await run(deps, op, req, () => decodeQueryInput(op.input, form), requestId, log);
    return encodeQuerySuccess(op, output, requestId);
  } catch (error) {
    return encodeQueryError(asServiceError(error, log), service, requestId);
  }
}

async function run(
  deps: DispatchDeps,
  op: Operation,
  req: WireRequest,
  decode: () => unknown,
  requestId: string,
  log: Logger,
): Promise<object | undefined> {
  const started = performance.now();
  let principal: Principal | undefined;
  let input: unknown;
  const report = (error: ServiceError | undefined) =>
    deps.events?.emit(
      requestEvent(op, {
        outcome: outcomeOf(op, error),
        durationMs: performance.now() - started,
        requestId,
        principal,
        sourceAddress: req.sourceAddress,
        input,
        req,
      }),
    );
  try {
    deps.admit?.(op);
    principal = op.auth === "none" ? undefined : await deps.authenticate(req, op);
    const ctx: RequestContext = principal ? { requestId, log, principal } : { requestId, log };
    input = decode();
    const output = await validateAndHandle(op, input, ctx);
    report(undefined);
    return output;
  } catch (error) {
    report(isServiceError(error) ? error : internalError());
    throw error;
  }
}

/** Error shape for a failure before dispatch (for example a body over the size limit). */
export function encodeErrorFor(req: WireRequest, error: ServiceError, requestId: string): WireResponse {
  return isJsonRequest(req)
    ? encodeJsonError(error, requestId)
    : encodeQueryError(error, queryServiceOf(req), requestId);
}
