import { type ErrorSpec, ServiceError } from "./service-error.js";

/**
 * The one table of wire errors. Cognito Identity errors are all 400 except InternalErrorException
 * (reference §1.1); IAM and STS codes and statuses come from the reference's tables (§1.2, §6.4).
 */
export const ERROR_SPECS = {
  // Shared front-end errors, rendered per protocol.
  ValidationException: { code: "ValidationException", status: 400, queryCode: "ValidationError" },
  SerializationException: { code: "SerializationException", status: 400, queryCode: "MalformedInput" },
  UnknownOperationException: { code: "UnknownOperationException", status: 400, queryCode: "InvalidAction" },
  UnsupportedMediaType: { code: "UnsupportedMediaTypeException", status: 415, queryCode: "UnsupportedMediaType" },
  RequestEntityTooLarge: { code: "RequestEntityTooLargeException", status: 413, queryCode: "RequestEntityTooLarge" },
  MissingAuthenticationToken: {
    code: "MissingAuthenticationTokenException",
    status: 400,
    queryCode: "MissingAuthenticationToken",
    queryStatus: 403,
  },
  IncompleteSignature: { code: "IncompleteSignatureException", status: 400, queryCode: "IncompleteSignature" },
  UnrecognizedClient: {
    code: "UnrecognizedClientException",
    status: 400,
    queryCode: "InvalidClientTokenId",
    queryStatus: 403,
  },
  InvalidSignature: {
    code: "InvalidSignatureException",
    status: 400,
    queryCode: "SignatureDoesNotMatch",
    queryStatus: 403,
  },
  ExpiredToken: { code: "ExpiredTokenException", status: 400, queryCode: "ExpiredToken" },
  AccessDenied: { code: "AccessDeniedException", status: 400, queryCode: "AccessDenied", queryStatus: 403 },
  InternalError: { code: "InternalErrorException", status: 500, queryCode: "InternalFailure" },

  // Cognito Identity (AWS JSON 1.1).
  InvalidParameter: { code: "InvalidParameterException", status: 400 },
  NotAuthorized: { code: "NotAuthorizedException", status: 400 },
  ResourceNotFound: { code: "ResourceNotFoundException", status: 400 },
  ResourceConflict: { code: "ResourceConflictException", status: 400 },
  // Throttling (reference §8): Cognito Identity answers TooManyRequestsException; IAM and STS answer
  // the Query code `Throttling`, 400, `Rate exceeded`, as real STS and IAM responses show.
  TooManyRequests: { code: "TooManyRequestsException", status: 400, queryCode: "Throttling" },
  CognitoLimitExceeded: { code: "LimitExceededException", status: 400 },
  InvalidIdentityPoolConfiguration: { code: "InvalidIdentityPoolConfigurationException", status: 400 },
  ExternalService: { code: "ExternalServiceException", status: 400 },
  DeveloperUserAlreadyRegistered: { code: "DeveloperUserAlreadyRegisteredException", status: 400 },
  CognitoConcurrentModification: { code: "ConcurrentModificationException", status: 400 },

  // IAM (AWS Query).
  InvalidInput: { code: "InvalidInputException", status: 400, queryCode: "InvalidInput" },
  EntityAlreadyExists: { code: "EntityAlreadyExistsException", status: 409, queryCode: "EntityAlreadyExists" },
  IamLimitExceeded: { code: "LimitExceededException", status: 409, queryCode: "LimitExceeded" },
  NoSuchEntity: { code: "NoSuchEntityException", status: 404, queryCode: "NoSuchEntity" },
  IamConcurrentModification: {
    code: "ConcurrentModificationException",
    status: 409,
    queryCode: "ConcurrentModification",
  },
  MalformedPolicyDocument: {
    code: "MalformedPolicyDocumentException",
    status: 400,
    queryCode: "MalformedPolicyDocument",
  },
  DeleteConflict: { code: "DeleteConflictException", status: 409, queryCode: "DeleteConflict" },
  OpenIdIdpCommunicationError: {
    code: "OpenIdIdpCommunicationErrorException",
    status: 400,
    queryCode: "OpenIdIdpCommunicationError",
  },

  // STS (AWS Query).
  InvalidIdentityToken: { code: "InvalidIdentityTokenException", status: 400, queryCode: "InvalidIdentityToken" },
  IDPRejectedClaim: { code: "IDPRejectedClaimException", status: 403, queryCode: "IDPRejectedClaim" },
  IDPCommunicationError: { code: "IDPCommunicationErrorException", status: 400, queryCode: "IDPCommunicationError" },
  PackedPolicyTooLarge: { code: "PackedPolicyTooLargeException", status: 400, queryCode: "PackedPolicyTooLarge" },
  StsMalformedPolicyDocument: {
    code: "MalformedPolicyDocumentException",
    status: 400,
    queryCode: "MalformedPolicyDocument",
  },
  StsAccessDenied: { code: "AccessDenied", status: 403, queryCode: "AccessDenied" },
  // The STS model names this Query code with the suffix (unlike the SigV4 front end's ExpiredToken).
  StsExpiredToken: { code: "ExpiredTokenException", status: 400, queryCode: "ExpiredTokenException" },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorKind = keyof typeof ERROR_SPECS;

/** `fail("NotAuthorized", "...")` builds the catalogue error; one call site per AWS error name. */
export function serviceError(kind: ErrorKind, message: string): ServiceError {
  return new ServiceError(ERROR_SPECS[kind], message);
}
