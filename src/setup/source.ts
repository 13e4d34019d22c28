import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { FilePath } from "./field-path.js";
import { SetupError } from "./setup-error.js";

/** A setup file's parsed content, and where each of its fields is written. */
export interface SetupSource {
  readonly file: string;
  readonly value: unknown;
  /** The line of the field at `path`, or of the nearest enclosing field the file has. */
  lineOf(path: FilePath): number | undefined;
}

/** A member is located at its key (where `name:` is written), a list item at the item. */
type Ranged = { readonly range?: readonly number[] | null | undefined };

function locate(root: unknown, path: FilePath): Ranged | undefined {
  let node: unknown = root;
  let at: Ranged | undefined = isScalar(root) || isMap(root) || isSeq(root) ? root : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      at = isScalar(pair.key) ? pair.key : at;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (!(isScalar(item) || isMap(item) || isSeq(item))) break;
      at = item;
      node = item;
    } else break;
  }
  return at;
}

/**
 * Parses a setup file: `.json` with JSON.parse (strict JSON), anything else as YAML 1.2 (which
 * reads JSON too). Both are also parsed with the `yaml` package's Document, whose node ranges
 * give each field its line, so one path → line function serves both formats.
 */
export function parseSource(file: string, raw: string): SetupSource {
  // A byte-order mark (some Windows editors write one) is not part of the content.
  const text = raw.replace(/^\uFEFF/, "");
  const lineCounter = new LineCounter();
  // Duplicate keys are an error in either format: which of the two would apply is not obvious.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  let value: unknown;
  if (file.toLowerCase().endsWith(".json")) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message)?.[1];
      throw new SetupError(file, [
        {
          path: "",
          ...(position === undefined ? {} : { line: lineAt(Number(position)) }),
          message: `not JSON: ${message}`,
        },
      ]);
    }
    const duplicate = doc.errors.find((e) => e.code === "DUPLICATE_KEY");
    if (duplicate)
      throw new SetupError(file, [{ path: "", line: lineAt(duplicate.pos[0]), message: duplicate.message }]);
  } else {
    if (doc.errors.length > 0) {
      throw new SetupError(
        file,
        doc.errors.map((e) => ({
          path: "",
          line: lineAt(e.pos[0]),
          message: e.message.split("\n", 1)[0] ?? e.message,
        })),
      );
    }
    value = doc.toJS({ maxAliasCount: 100 });
  }
  return {
    file,
    value,
    lineOf(path) {
      const node = locate(doc.contents, path);
      const offset = node?.range?.[0];
      return offset === undefined ? undefined : lineAt(offset);
    },
  };
}
