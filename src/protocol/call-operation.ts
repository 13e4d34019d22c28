import { serviceError } from "../errors/index.js";
import { JSON_TARGET_PREFIXES, type Operation, type OperationRegistry, type RequestContext } from "./operation.js";
import { validateInput } from "./validate.js";

/** The validate → handle steps of every call (DESIGN.md), shared by dispatch and callOperation. */
export function validateAndHandle(op: Operation, raw: unknown, ctx: RequestContext): Promise<object | undefined> {
  return op.handle(validateInput(op.input, raw), ctx);
}

function findOperation(
  registry: OperationRegistry,
  service: Operation["service"],
  name: string,
): Operation | undefined {
  const prefix = JSON_TARGET_PREFIXES[service];
  if (prefix !== undefined) return registry.json.get(`${prefix}.${name}`);
  for (const byAction of registry.query.values()) {
    const op = byAction.get(name);
    if (op?.service === service) return op;
  }
  return undefined;
}

/**
 * Calls an operation in-process the way dispatch does once a request is decoded and authenticated:
 * the same input validation, then the handler, with `ctx` (whose principal the caller vouches
 * for). For idpool's own callers of the public API inside the process, such as a setup file
 * applied at start-up. Errors are thrown as the handler throws them (ServiceError for the wire).
 */
export function callOperation(
  registry: OperationRegistry,
  service: Operation["service"],
  name: string,
  input: unknown,
  ctx: RequestContext,
): Promise<object | undefined> {
  const op = findOperation(registry, service, name);
  if (!op) throw serviceError("UnknownOperationException", `Could not find operation ${service}:${name}.`);
  return validateAndHandle(op, input, ctx);
}
