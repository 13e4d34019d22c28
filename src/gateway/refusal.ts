import { ServiceError } from "../errors/index.js";

/**
 * A request the gateway does not forward: an HTTP status and the message of API Gateway's JSON
 * error body (`{"message": "..."}`), which names what was wrong, as API Gateway's IAM
 * authorization answers (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html).
 */
export class GatewayRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "GatewayRefusal";
  }
}

export const refuse = (message: string, status = 403): GatewayRefusal => new GatewayRefusal(status, message);

/** What the caller is told: SigV4's own messages (missing, malformed, unknown, expired, mismatch) as 403. */
export function refusalOf(error: unknown): GatewayRefusal | undefined {
  if (error instanceof GatewayRefusal) return error;
  if (error instanceof ServiceError) {
    // API Gateway answers a request without any signature so (its "Missing Authentication Token").
    return refuse(
      error.code === "MissingAuthenticationTokenException" ? "Missing Authentication Token" : error.message,
    );
  }
  return undefined;
}
