export { callOperation } from "./call-operation.js";
export { type Authenticate, type DispatchDeps, dispatch, encodeErrorFor } from "./dispatch.js";
export { JSON_CONTENT_TYPE } from "./json-protocol.js";
export {
  buildRegistry,
  defineOperation,
  type Operation,
  type OperationAuth,
  type OperationRegistry,
  type OperationSpec,
  QUERY_NAMESPACES,
  type RequestContext,
  type ServiceName,
} from "./operation.js";
export {
  bool,
  type Infer,
  int,
  list,
  map,
  required,
  type Shape,
  type StringShape,
  type StructureShape,
  str,
  struct,
} from "./shapes.js";
export { validateInput } from "./validate.js";
export { headerValue, type WireRequest, type WireResponse } from "./wire.js";
export { xmlMap } from "./wire-values.js";
