/**
 * A small slice of the Smithy model: enough to check input against the model constraints and to
 * decode AWS Query forms into typed values. Members are named as on the wire (PascalCase).
 */
export type Shape = StringShape | NumberShape | BooleanShape | ListShape | MapShape | StructureShape;

export interface StringShape {
  readonly type: "string";
  readonly min?: number;
  readonly max?: number;
  /** The pattern as AWS prints it in validation messages; matched against the whole value. */
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

export interface NumberShape {
  readonly type: "integer";
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanShape {
  readonly type: "boolean";
}

export interface ListShape {
  readonly type: "list";
  readonly member: Shape;
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape {
  readonly type: "map";
  readonly key: StringShape;
  readonly value: Shape;
  readonly min?: number;
  readonly max?: number;
}

export interface Member {
  readonly shape: Shape;
  readonly required?: boolean;
}

export interface StructureShape {
  readonly type: "structure";
  readonly members: Readonly<Record<string, Member>>;
}

// Short builders keep operation files readable.
export const str = (c: Omit<StringShape, "type"> = {}): StringShape => ({ type: "string", ...c });
export const int = (c: Omit<NumberShape, "type"> = {}): NumberShape => ({ type: "integer", ...c });
export const bool = (): BooleanShape => ({ type: "boolean" });
export const list = (member: Shape, c: Omit<ListShape, "type" | "member"> = {}): ListShape => ({
  type: "list",
  member,
  ...c,
});
export const map = (key: StringShape, value: Shape, c: Omit<MapShape, "type" | "key" | "value"> = {}): MapShape => ({
  type: "map",
  key,
  value,
  ...c,
});
export const struct = (members: Record<string, Member | Shape>): StructureShape => {
  const normalised: Record<string, Member> = {};
  for (const [name, m] of Object.entries(members)) normalised[name] = "shape" in m ? m : { shape: m };
  return { type: "structure", members: normalised };
};
export const required = (shape: Shape): Member => ({ shape, required: true });
