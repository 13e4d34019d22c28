export { ServiceError, isServiceError, type ErrorSpec } from "./service-error.js";
export { ERROR_SPECS, serviceError, type ErrorKind } from "./catalogue.js";
