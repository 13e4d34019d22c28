import { type ServiceError, serviceError } from "../errors/index.js";

/** The Cognito messages that more than one operation answers (reference §4.2), written once. */
export const identityNotFound = (identityId: string): ServiceError =>
  serviceError("ResourceNotFound", `Identity '${identityId}' not found.`);

export const identityForbidden = (identityId: string): ServiceError =>
  serviceError("NotAuthorized", `Access to Identity '${identityId}' is forbidden.`);

export const roleForbidden = (roleArn: string): ServiceError =>
  serviceError("NotAuthorized", `Access to Role '${roleArn}' is forbidden.`);

export const loginsDontMatch = (): ServiceError =>
  serviceError(
    "NotAuthorized",
    "Logins don't match. Please include at least one valid login for this identity or identity pool.",
  );

export const notSupported = (): ServiceError =>
  serviceError("NotAuthorized", "Token is not from a supported provider of this identity pool.");

export const unauthenticatedNotSupported = (): ServiceError =>
  serviceError("NotAuthorized", "Unauthenticated access is not supported for this identity pool.");
