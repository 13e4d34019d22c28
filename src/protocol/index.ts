export {
  type ServiceName,
  type Principal,
  type Logger,
  type RequestContext,
  type Operation,
  type OperationRegistry,
  defineOperation,
  buildRegistry,
  QUERY_NAMESPACES,
} from "./operation.js";
export {
  type Shape,
  type StructureShape,
  type StringShape,
  str,
  int,
  bool,
  list,
  map,
  struct,
  required,
} from "./shapes.js";
export { validateInput } from "./validate.js";
export { dispatch, encodeErrorFor, type Authenticate, type DispatchDeps } from "./dispatch.js";
export { type WireRequest, type WireResponse, headerValue } from "./wire.js";
export { xmlMap } from "./wire-values.js";
export { JSON_CONTENT_TYPE } from "./json-protocol.js";
