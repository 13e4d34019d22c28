import { type ApiCaller, ApiError, type SetupService } from "./api-caller.js";
import { apiPathSegments, type FilePath } from "./field-path.js";

/** Where a member of a call's input was written in the file. */
export type MemberOrigin =
  | FilePath
  /** A file map sent as an IAM tag list: item N is the map's N-th key. */
  | { readonly tags: FilePath; readonly keys: readonly string[] };

export interface Origin {
  /** The field or entry the call is about: where errors without a member path are reported. */
  readonly at: FilePath;
  /** Input members by wire name; a member not listed is reported at `at`. */
  readonly members?: Readonly<Record<string, MemberOrigin>>;
}

/** An operation's refusal, placed in the file. */
export class FieldError extends Error {
  readonly path: FilePath;
  readonly code: string;
  constructor(path: FilePath, code: string, message: string) {
    super(message);
    this.name = "FieldError";
    this.path = path;
    this.code = code;
  }
}

export type Call = (
  service: SetupService,
  operation: string,
  input: Record<string, unknown>,
  origin: Origin,
) => Promise<Record<string, unknown>>;

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** `roleMappings.x.member.rules.3.member.claim` → the file path of that field. */
function fieldOf(memberPath: string, input: Record<string, unknown>, origin: Origin): FilePath {
  const top = memberPath.split(".", 1)[0] ?? "";
  const member = Object.keys(input).find((k) => lowerFirst(k) === top);
  const from = member === undefined ? undefined : origin.members?.[member];
  if (member === undefined || from === undefined) return origin.at;
  const rest = memberPath.slice(top.length + 1);
  if ("tags" in from) {
    const index = Number(/^(\d+)\.member/.exec(rest)?.[1] ?? 0) - 1;
    const key = from.keys[index];
    return key === undefined ? from.tags : [...from.tags, key];
  }
  return [...from, ...apiPathSegments(rest, input[member])];
}

/**
 * Each violation of a ValidationException (`Value 'x' at 'a.b' failed to satisfy constraint: …`,
 * as protocol's validation words it for JSON and Query alike), placed at its field.
 */
function validationErrors(error: ApiError, input: Record<string, unknown>, origin: Origin): FieldError[] {
  const found = [
    ...error.message.matchAll(/Value (?:'.*?'|null) at '([^']*)' failed to satisfy constraint: .*?(?=; Value |$)/gs),
  ];
  if (found.length === 0) return [new FieldError(origin.at, error.code, `${error.code}: ${error.message}`)];
  return found.map((m) => new FieldError(fieldOf(m[1] ?? "", input, origin), error.code, `${error.code}: ${m[0]}`));
}

/** Thrown by a Call: every refusal of one operation, placed in the file. */
export class CallRefused extends Error {
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[]) {
    super(errors.map((e) => e.message).join("; "));
    this.name = "CallRefused";
    this.errors = errors;
  }
}

const VALIDATION_CODES = new Set(["ValidationException", "ValidationError"]);

/** Wraps an ApiCaller so that a refusal names the file fields it is about. */
export function locatedCall(caller: ApiCaller): Call {
  return async (service, operation, input, origin) => {
    try {
      return await caller(service, operation, input);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new CallRefused(
        VALIDATION_CODES.has(error.code)
          ? validationErrors(error, input, origin)
          : [new FieldError(origin.at, error.code, `${error.code}: ${error.message}`)],
      );
    }
  };
}

/** Whether a call failed because the thing it names does not exist. */
export const isNotFound = (error: unknown): boolean =>
  error instanceof CallRefused &&
  error.errors.some((e) => e.code === "NoSuchEntity" || e.code === "ResourceNotFoundException");
