import type { Logger, Principal } from "../shared/index.js";
import type { Infer, StructureShape } from "./shapes.js";

/**
 * The services idpool speaks: AWS's three, and `idpool` for idpool's own operations (AWS JSON 1.1,
 * `X-Amz-Target: IdpoolService.<Op>`, SigV4 with signing name `idpool`).
 */
export type ServiceName = "cognito-identity" | "iam" | "sts" | "idpool";

/**
 * Who may call an operation: `none`, the public operations, unsigned as on AWS (reference §1.1,
 * §1.3); `root`, SigV4 with the root credentials only; `signed`, SigV4 with any credentials idpool
 * knows, temporary ones included (STS GetCallerIdentity, which any valid credentials may call).
 */
export type OperationAuth = "none" | "root" | "signed";

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
  /** Who may call it; see OperationAuth. */
  readonly auth: OperationAuth;
  readonly input: StructureShape;
  handle(input: I, ctx: RequestContext): Promise<object | undefined>;
}

/** An operation as written: the handler's input type is derived from the `input` shape. */
export interface OperationSpec<S extends StructureShape> {
  readonly service: ServiceName;
  readonly name: string;
  readonly auth: OperationAuth;
  readonly input: S;
  handle(input: Infer<S>, ctx: RequestContext): Promise<object | undefined>;
}

/**
 * Types `handle`'s input from the `input` shape, then erases it for the registry. The erasure is
 * sound because dispatch hands `handle` only what `validateInput(op.input, …)` returned. No cast is
 * needed: `handle` is declared as a method, whose parameter TypeScript compares bivariantly.
 */
export function defineOperation<S extends StructureShape>(spec: OperationSpec<S>): Operation {
  return spec;
}

export interface OperationRegistry {
  /** The AWS JSON 1.1 services, by the whole `X-Amz-Target` (`AWSCognitoIdentityService.GetId`). */
  readonly json: ReadonlyMap<string, Operation>;
  /** Query services, by `Version` then `Action`. */
  readonly query: ReadonlyMap<string, ReadonlyMap<string, Operation>>;
}

/** The `X-Amz-Target` prefix of each AWS JSON 1.1 service (reference §1.1). */
export const JSON_TARGET_PREFIXES: Readonly<Partial<Record<ServiceName, string>>> = {
  "cognito-identity": "AWSCognitoIdentityService",
  idpool: "IdpoolService",
};

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
    const prefix = JSON_TARGET_PREFIXES[op.service];
    if (prefix !== undefined) {
      const target = `${prefix}.${op.name}`;
      if (json.has(target)) throw new Error(`duplicate operation ${target}`);
      json.set(target, op);
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
