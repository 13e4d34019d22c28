import type { StructureShape } from "./shapes.js";

export type ServiceName = "cognito-identity" | "iam" | "sts";

/** Who made a signed request, as established by SigV4 (auth/). */
export interface Principal {
  readonly accessKeyId: string;
  readonly kind: "root" | "session";
  /** ARN for GetCallerIdentity-style answers. */
  readonly arn: string;
  readonly userId: string;
  readonly accountId: string;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface RequestContext {
  readonly requestId: string;
  readonly log: Logger;
  /** Present on signed operations once SigV4 verified. */
  readonly principal?: Principal;
}

/**
 * One AWS operation. Handlers return plain objects named as on the wire; `Date` values are
 * timestamps (epoch seconds in JSON, ISO-8601 in XML); `undefined` members are omitted.
 */
export interface Operation<I = unknown> {
  readonly service: ServiceName;
  readonly name: string;
  /** "none" for the public operations (reference §1.1, §1.3). */
  readonly auth: "sigv4" | "none";
  readonly input: StructureShape;
  handle(input: I, ctx: RequestContext): Promise<object | undefined>;
}

/** Helper that keeps `I` checked between the shape's consumer and the handler. */
export function defineOperation<I>(op: Operation<I>): Operation {
  return op as Operation;
}

export interface OperationRegistry {
  /** Cognito Identity, by `X-Amz-Target` operation name. */
  readonly json: ReadonlyMap<string, Operation>;
  /** Query services, by `Version` then `Action`. */
  readonly query: ReadonlyMap<string, ReadonlyMap<string, Operation>>;
}

export const QUERY_VERSIONS: Readonly<Record<string, ServiceName>> = {
  "2010-05-08": "iam",
  "2011-06-15": "sts",
};

export const QUERY_NAMESPACES: Readonly<Record<string, string>> = {
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
};

export function buildRegistry(operations: readonly Operation[]): OperationRegistry {
  const json = new Map<string, Operation>();
  const query = new Map<string, Map<string, Operation>>();
  for (const op of operations) {
    if (op.service === "cognito-identity") {
      if (json.has(op.name)) throw new Error(`duplicate operation ${op.name}`);
      json.set(op.name, op);
      continue;
    }
    const version = Object.keys(QUERY_VERSIONS).find((v) => QUERY_VERSIONS[v] === op.service);
    if (!version) throw new Error(`no Query version for ${op.service}`);
    const byAction = query.get(version) ?? new Map<string, Operation>();
    if (byAction.has(op.name)) throw new Error(`duplicate operation ${op.name}`);
    byAction.set(op.name, op);
    query.set(version, byAction);
  }
  return { json, query };
}
