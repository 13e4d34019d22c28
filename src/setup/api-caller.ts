import { isServiceError } from "../errors/index.js";
import { callOperation, type OperationRegistry } from "../protocol/index.js";
import type { Logger, Principal } from "../shared/index.js";

/** The services a setup file is applied through. */
export type SetupService = "cognito-identity" | "iam" | "idpool";

/**
 * The one way the setup module reaches idpool: an operation of the public API by service and
 * name, with its input as on the wire (members in PascalCase) and its output as the JSON of the
 * answer. Failures are ApiError, named as the wire names them: the JSON `__type` for Cognito
 * Identity and idpool, the Query `Code` for IAM (`ValidationError`, `NoSuchEntity`).
 */
export type ApiCaller = (
  service: SetupService,
  operation: string,
  input: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

export class ApiError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = code;
    this.code = code;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The output as a JSON answer carries it: `undefined` members gone, dates as text. */
function asJson(output: object | undefined): Record<string, unknown> {
  const parsed: unknown = output === undefined ? {} : JSON.parse(JSON.stringify(output));
  return isRecord(parsed) ? parsed : {};
}

export interface RootIdentity {
  readonly accountId: string;
  /** The root access key id, as the principal of what the setup does (logs name it). */
  readonly accessKeyId: string;
}

/**
 * An ApiCaller over the in-process registry: the validate → handle steps dispatch runs for a
 * request the root credentials signed (protocol's callOperation), without HTTP or SigV4. Anything
 * that is not a ServiceError is a bug and is thrown as it came.
 */
export function registryCaller(registry: OperationRegistry, log: Logger, root: RootIdentity): ApiCaller {
  const principal: Principal = {
    accessKeyId: root.accessKeyId,
    kind: "root",
    arn: `arn:aws:iam::${root.accountId}:root`,
    userId: root.accountId,
    accountId: root.accountId,
  };
  let calls = 0;
  return async (service, operation, input) => {
    const ctx = { requestId: `setup-${++calls}`, log, principal };
    try {
      return asJson(await callOperation(registry, service, operation, input, ctx));
    } catch (error) {
      if (!isServiceError(error)) throw error;
      throw new ApiError(service === "iam" ? error.queryCode : error.code, error.message);
    }
  };
}
