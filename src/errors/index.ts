export { ERROR_SPECS, type ErrorKind, serviceError } from "./catalogue.js";
export { type ErrorSpec, isServiceError, ServiceError } from "./service-error.js";
