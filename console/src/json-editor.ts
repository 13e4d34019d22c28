/** A labelled JSON text area that reports a parse error at its line, and the API's error beside it. */
import { type Field, field, textArea } from "./dom.js";
import { parseJson } from "./json-text.js";

export interface JsonEditor extends Field<HTMLTextAreaElement> {
  /** The text when it parses (the API gets the text as typed), else undefined with the error shown. */
  checked(): string | undefined;
}

export function jsonEditor(label: string, text: string, hint?: string): JsonEditor {
  const f = field(
    label,
    textArea(text, Math.min(20, Math.max(6, text.split("\n").length + 1)), { class: "json" }),
    hint,
  );
  const check = (): string | undefined => {
    const parsed = parseJson(f.input.value);
    if (parsed.ok) {
      f.error(undefined);
      return f.input.value;
    }
    f.error(`Not valid JSON: ${parsed.problem.message}`);
    return undefined;
  };
  // Leaving the field reports a syntax error at once; clearing waits for the next check, so that
  // nothing above a button moves between pressing and releasing it.
  f.input.addEventListener("blur", () => {
    if (!parseJson(f.input.value).ok) check();
  });
  return { ...f, checked: check };
}
