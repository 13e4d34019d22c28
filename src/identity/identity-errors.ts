import { type ServiceError, serviceError } from "../errors/index.js";

/** The Cognito messages about identities and roles (reference §4.2), written once. */
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
