/**
 * Every error that may reach the wire is a ServiceError. `code` is the JSON `__type` (the Smithy shape
 * name); `queryCode` is the `<Code>` the Query protocols (IAM, STS) send for the same error.
 * Statuses are what the real services answer (DESIGN.md, "Errors").
 */
export interface ErrorSpec {
  readonly code: string;
  readonly status: number;
  readonly queryCode?: string;
  readonly queryStatus?: number;
}

export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;
  readonly queryCode: string;
  readonly queryStatus: number;

  constructor(spec: ErrorSpec, message: string) {
    super(message);
    this.name = spec.code;
    this.code = spec.code;
    this.status = spec.status;
    this.queryCode = spec.queryCode ?? spec.code;
    this.queryStatus = spec.queryStatus ?? spec.status;
  }

  get fault(): "client" | "server" {
    return this.status >= 500 ? "server" : "client";
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
