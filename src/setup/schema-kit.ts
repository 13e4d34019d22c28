/**
 * One definition of the setup file's structure gives three things: its TypeScript types
 * (`Infer`), the check that turns parsed `unknown` into those types (check.ts), and the JSON Schema
 * that ships for editors (json-schema.ts). Hand-written because it is small and the three must
 * agree; the model constraints themselves (lengths, patterns) are left to the operations, so a
 * file gets exactly the validation an API call gets.
 */
interface Described {
  readonly description?: string;
}

export interface StringDef<E extends string = string> extends Described {
  readonly kind: "string";
  readonly enum?: readonly E[];
  /** Matched against the whole value (`^…$`), with the `u` flag. */
  readonly pattern?: string;
}
export interface BooleanDef extends Described {
  readonly kind: "boolean";
}
export interface IntegerDef extends Described {
  readonly kind: "integer";
}
export interface ArrayDef<I extends Def = Def> extends Described {
  readonly kind: "array";
  readonly item: I;
}
/** An object whose keys are data (tags, role mappings by provider name). */
export interface RecordDef<V extends Def = Def> extends Described {
  readonly kind: "record";
  readonly value: V;
}
/** An object of named members; any other member is refused. */
export interface ObjectDef<R extends Defs = Defs, O extends Defs = Defs> extends Described {
  readonly kind: "object";
  readonly required: R;
  readonly optional: O;
}
/** Any JSON object, taken as it is (a policy document, a test user's claims). */
export interface JsonObjectDef extends Described {
  readonly kind: "json-object";
}
/** A string or a JSON object (a policy document written either way). */
export interface TextOrObjectDef extends Described {
  readonly kind: "text-or-object";
}

export type Def =
  | StringDef
  | BooleanDef
  | IntegerDef
  | ArrayDef
  | RecordDef
  | ObjectDef
  | JsonObjectDef
  | TextOrObjectDef;
export type Defs = Readonly<Record<string, Def>>;

export type JsonObject = { readonly [key: string]: unknown };

type Flat<T> = { [K in keyof T]: T[K] } & {};

/** The value a definition accepts once checked. */
export type Infer<D> =
  D extends StringDef<infer E>
    ? E
    : D extends BooleanDef
      ? boolean
      : D extends IntegerDef
        ? number
        : D extends ArrayDef<infer I>
          ? readonly Infer<I>[]
          : D extends RecordDef<infer V>
            ? Readonly<Record<string, Infer<V>>>
            : D extends ObjectDef<infer R, infer O>
              ? Flat<{ readonly [K in keyof R]: Infer<R[K]> } & { readonly [K in keyof O]?: Infer<O[K]> }>
              : D extends JsonObjectDef
                ? JsonObject
                : D extends TextOrObjectDef
                  ? string | JsonObject
                  : never;

type Options<D extends Def> = Omit<D, "kind" | "item" | "value" | "required" | "optional">;

export const text = <const E extends string = string>(o: Options<StringDef<E>> = {}): StringDef<E> => ({
  kind: "string",
  ...o,
});
export const flag = (o: Options<BooleanDef> = {}): BooleanDef => ({ kind: "boolean", ...o });
export const integer = (o: Options<IntegerDef> = {}): IntegerDef => ({ kind: "integer", ...o });
export const listOf = <I extends Def>(item: I, o: Options<ArrayDef> = {}): ArrayDef<I> => ({
  kind: "array",
  item,
  ...o,
});
export const recordOf = <V extends Def>(value: V, o: Options<RecordDef> = {}): RecordDef<V> => ({
  kind: "record",
  value,
  ...o,
});
export const object = <R extends Defs, O extends Defs>(
  required: R,
  optional: O,
  o: Options<ObjectDef> = {},
): ObjectDef<R, O> => ({ kind: "object", required, optional, ...o });
export const jsonObject = (o: Options<JsonObjectDef> = {}): JsonObjectDef => ({ kind: "json-object", ...o });
export const textOrObject = (o: Options<TextOrObjectDef> = {}): TextOrObjectDef => ({ kind: "text-or-object", ...o });
