/**
 * A small slice of the Smithy model: enough to check input against the model constraints and to
 * decode AWS Query forms into typed values. Members are named as on the wire (PascalCase).
 *
 * Every shape carries the TypeScript type of the values it accepts, so an operation's input type
 * is derived from its shape (`Infer<typeof shape>`) and the two cannot disagree.
 */
export type Shape = StringShape | NumberShape | BooleanShape | ListShape | MapShape | StructureShape;

/** `E` is the union of the enum values, or `string` for a string without an enum. */
export interface StringShape<E extends string = string> {
  readonly type: "string";
  readonly min?: number;
  readonly max?: number;
  /** The pattern as AWS prints it in validation messages; matched against the whole value. */
  readonly pattern?: string;
  readonly enum?: readonly E[];
  /**
   * Refuse control characters (U+0000–U+001F, U+007F–U+009F) beyond what AWS's model says, for
   * values that become identities (logins tokens, developer user ids): what is stored must read the
   * same in every engine and every log. U+0000 is refused in every string (see validate.ts).
   */
  readonly noControlCharacters?: true;
}

export interface NumberShape {
  readonly type: "integer";
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape {
  readonly type: "boolean";
}

export interface ListShape<M extends Shape = Shape> {
  readonly type: "list";
  readonly member: M;
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape<V extends Shape = Shape> {
  readonly type: "map";
  readonly key: StringShape;
  readonly value: V;
  readonly min?: number;
  readonly max?: number;
}

/** A member the model marks `@required`; a bare shape is an optional member. */
export interface RequiredMember<S extends Shape = Shape> {
  readonly shape: S;
  readonly required: true;
}

export type Member = Shape | RequiredMember;

export type Members = Readonly<Record<string, Member>>;

export interface StructureShape<M extends Members = Members> {
  readonly type: "structure";
  readonly members: M;
}

/** The shape of a member, required or not. */
export function memberShape(member: Member): Shape {
  return "shape" in member ? member.shape : member;
}

/** Whether the model requires the member (only `required(…)` builds a RequiredMember). */
export function isRequired(member: Member): boolean {
  return "shape" in member;
}

type ShapeOfMember<M> = M extends RequiredMember<infer S> ? S : M;
type RequiredKeys<M> = { [K in keyof M]: M[K] extends RequiredMember ? K : never }[keyof M];
type OptionalKeys<M> = Exclude<keyof M, RequiredKeys<M>>;
/** Flattens an intersection into one object type, so hovers and messages show plain members. */
type Flat<T> = { [K in keyof T]: T[K] } & {};

/**
 * Required members are required and the others optional (`?:`, without `| undefined`: the
 * validator leaves absent and JSON-null members out of the value it returns).
 */
type InferStructure<M> = Flat<
  { readonly [K in RequiredKeys<M>]: InferShape<ShapeOfMember<M[K]>> } & {
    readonly [K in OptionalKeys<M>]?: InferShape<ShapeOfMember<M[K]>>;
  }
>;

type InferShape<S> =
  S extends StringShape<infer E>
    ? E
    : S extends NumberShape
      ? number
      : S extends BooleanShape
        ? boolean
        : S extends ListShape<infer M>
          ? readonly InferShape<M>[]
          : S extends MapShape<infer V>
            ? Readonly<Record<string, InferShape<V>>>
            : S extends StructureShape<infer M>
              ? // The erased `StructureShape` (members by index signature) stops the recursion here.
                string extends keyof M
                ? Readonly<Record<string, unknown>>
                : InferStructure<M>
              : never;

/** The value a shape accepts once validated: what a handler receives. */
export type Infer<S extends Shape> = InferShape<S>;

// Short builders keep operation files readable. `str({ enum: ["A", "B"] })` infers "A" | "B".
export const str = <const E extends string = string>(c: Omit<StringShape<E>, "type"> = {}): StringShape<E> => ({
  type: "string",
  ...c,
});
export const int = (c: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "integer", ...c });
export const bool = (): BooleanShape => ({ type: "boolean" });
export const list = <M extends Shape>(member: M, c: Omit<ListShape, "type" | "member"> = {}): ListShape<M> => ({
  type: "list",
  member,
  ...c,
});
export const map = <V extends Shape>(
  key: StringShape,
  value: V,
  c: Omit<MapShape, "type" | "key" | "value"> = {},
): MapShape<V> => ({ type: "map", key, value, ...c });
export const struct = <M extends Members>(members: M): StructureShape<M> => ({ type: "structure", members });
export const required = <S extends Shape>(shape: S): RequiredMember<S> => ({ shape, required: true });
