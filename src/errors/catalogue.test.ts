import { describe, expect, it } from "vitest";
import { ERROR_SPECS, type ErrorKind, serviceError } from "./catalogue.js";

/**
 * The catalogue pinned, as fastify pins its error codes: adding, removing or changing an error fails
 * here until this table says so too. Statuses are the reference's (cognito-identity.md §1.1: every
 * Cognito Identity error 400 but InternalErrorException 500; §1.2 IAM; §6.4 STS). A Query status
 * differs from the JSON one only for the SigV4 front-end errors that the Query services answer 403.
 */
type Row = readonly [
  kind: ErrorKind,
  status: number,
  fault: "client" | "server",
  code: string,
  queryCode: string,
  queryStatus: number,
];

// biome-ignore format: one row per error, in columns
const CATALOGUE: readonly Row[] = [
  //kind                               statusfault    JSON code                                    Query code                                   Query status
  // Shared front-end errors.
  ["ValidationException",              400, "client", "ValidationException",                       "ValidationError",                           400],
  ["SerializationException",           400, "client", "SerializationException",                    "MalformedInput",                            400],
  ["UnknownOperationException",        400, "client", "UnknownOperationException",                 "InvalidAction",                             400],
  ["UnsupportedMediaType",             415, "client", "UnsupportedMediaTypeException",             "UnsupportedMediaType",                      415],
  ["RequestEntityTooLarge",            413, "client", "RequestEntityTooLargeException",            "RequestEntityTooLarge",                     413],
  ["MissingAuthenticationToken",       400, "client", "MissingAuthenticationTokenException",       "MissingAuthenticationToken",                403],
  ["IncompleteSignature",              400, "client", "IncompleteSignatureException",              "IncompleteSignature",                       400],
  ["UnrecognizedClient",               400, "client", "UnrecognizedClientException",               "InvalidClientTokenId",                      403],
  ["InvalidSignature",                 400, "client", "InvalidSignatureException",                 "SignatureDoesNotMatch",                     403],
  ["ExpiredToken",                     400, "client", "ExpiredTokenException",                     "ExpiredToken",                              400],
  ["AccessDenied",                     400, "client", "AccessDeniedException",                     "AccessDenied",                              403],
  ["InternalError",                    500, "server", "InternalErrorException",                    "InternalFailure",                           500],
  // Cognito Identity: no Query form, so the Query code is the JSON one (but throttling, which IAM and STS share).
  ["InvalidParameter",                 400, "client", "InvalidParameterException",                 "InvalidParameterException",                 400],
  ["NotAuthorized",                    400, "client", "NotAuthorizedException",                    "NotAuthorizedException",                    400],
  ["ResourceNotFound",                 400, "client", "ResourceNotFoundException",                 "ResourceNotFoundException",                 400],
  ["ResourceConflict",                 400, "client", "ResourceConflictException",                 "ResourceConflictException",                 400],
  ["TooManyRequests",                  400, "client", "TooManyRequestsException",                  "Throttling",                                400],
  ["CognitoLimitExceeded",             400, "client", "LimitExceededException",                    "LimitExceededException",                    400],
  ["InvalidIdentityPoolConfiguration", 400, "client", "InvalidIdentityPoolConfigurationException", "InvalidIdentityPoolConfigurationException", 400],
  ["ExternalService",                  400, "client", "ExternalServiceException",                  "ExternalServiceException",                  400],
  ["DeveloperUserAlreadyRegistered",   400, "client", "DeveloperUserAlreadyRegisteredException",   "DeveloperUserAlreadyRegisteredException",   400],
  ["CognitoConcurrentModification",    400, "client", "ConcurrentModificationException",           "ConcurrentModificationException",           400],
  // IAM.
  ["InvalidInput",                     400, "client", "InvalidInputException",                     "InvalidInput",                              400],
  ["EntityAlreadyExists",              409, "client", "EntityAlreadyExistsException",              "EntityAlreadyExists",                       409],
  ["IamLimitExceeded",                 409, "client", "LimitExceededException",                    "LimitExceeded",                             409],
  ["NoSuchEntity",                     404, "client", "NoSuchEntityException",                     "NoSuchEntity",                              404],
  ["IamConcurrentModification",        409, "client", "ConcurrentModificationException",           "ConcurrentModification",                    409],
  ["MalformedPolicyDocument",          400, "client", "MalformedPolicyDocumentException",          "MalformedPolicyDocument",                   400],
  ["DeleteConflict",                   409, "client", "DeleteConflictException",                   "DeleteConflict",                            409],
  ["OpenIdIdpCommunicationError",      400, "client", "OpenIdIdpCommunicationErrorException",      "OpenIdIdpCommunicationError",               400],
  // STS.
  ["InvalidIdentityToken",             400, "client", "InvalidIdentityTokenException",             "InvalidIdentityToken",                      400],
  ["IDPRejectedClaim",                 403, "client", "IDPRejectedClaimException",                 "IDPRejectedClaim",                          403],
  ["IDPCommunicationError",            400, "client", "IDPCommunicationErrorException",            "IDPCommunicationError",                     400],
  ["PackedPolicyTooLarge",             400, "client", "PackedPolicyTooLargeException",             "PackedPolicyTooLarge",                      400],
  ["StsMalformedPolicyDocument",       400, "client", "MalformedPolicyDocumentException",          "MalformedPolicyDocument",                   400],
  ["StsAccessDenied",                  403, "client", "AccessDenied",                              "AccessDenied",                              403],
  ["StsExpiredToken",                  400, "client", "ExpiredTokenException",                     "ExpiredTokenException",                     400],
];

describe("error catalogue", () => {
  it("holds exactly the errors of the table, each as the table says", () => {
    const actual = (Object.keys(ERROR_SPECS) as ErrorKind[]).map((kind): Row => {
      const error = serviceError(kind, "m");
      return [kind, error.status, error.fault, error.code, error.queryCode, error.queryStatus];
    });
    // Sorted by name on both sides: the catalogue's order is not on the wire, a duplicate row still fails.
    const byKind = (rows: readonly Row[]) => [...rows].sort((x, y) => x[0].localeCompare(y[0]));
    expect(byKind(actual)).toEqual(byKind(CATALOGUE));
  });

  it("builds errors whose name is the JSON code and whose message is the one given", () => {
    const error = serviceError("NoSuchEntity", "The role with name r cannot be found.");
    expect([error.name, error.message]).toEqual(["NoSuchEntityException", "The role with name r cannot be found."]);
  });
});
