/** A few DOM helpers: elements, labelled fields with their own error line, a confirmation dialog. */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | number | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

let counter = 0;
export const uid = (prefix: string): string => `${prefix}-${++counter}`;

export interface Field<E extends HTMLElement = HTMLInputElement> {
  readonly row: HTMLElement;
  readonly input: E;
  error(message: string | undefined): void;
}

/** A label, its control, an optional hint and an error line the control is described by. */
export function field<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
  label: string,
  input: E,
  hint?: string,
): Field<E> {
  const id = input.id || uid("f");
  input.id = id;
  const errorLine = h("p", { class: "field-error", id: `${id}-error`, role: "alert", hidden: true });
  const hintLine = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  input.setAttribute("aria-describedby", [hintLine ? `${id}-hint` : "", `${id}-error`].join(" ").trim());
  const checkbox = input instanceof HTMLInputElement && input.type === "checkbox";
  const labelEl = h("label", { for: id }, label);
  const row = checkbox
    ? h("div", { class: "field checkbox" }, input, labelEl, hintLine, errorLine)
    : h("div", { class: "field" }, labelEl, input, hintLine, errorLine);
  return {
    row,
    input,
    error(message) {
      errorLine.textContent = message ?? "";
      errorLine.hidden = !message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    },
  };
}

export const textInput = (value = "", attrs: Attrs = {}): HTMLInputElement =>
  Object.assign(h("input", { type: "text", autocomplete: "off", spellcheck: "false", ...attrs }), { value });
export const textArea = (value = "", rows = 4, attrs: Attrs = {}): HTMLTextAreaElement =>
  Object.assign(h("textarea", { rows, spellcheck: "false", ...attrs }), { value });
export const checkbox = (checked: boolean): HTMLInputElement =>
  Object.assign(h("input", { type: "checkbox" }), { checked });
export function select(options: readonly (string | [string, string])[], value = ""): HTMLSelectElement {
  const element = h("select");
  for (const option of options) {
    const [v, text] = typeof option === "string" ? [option, option] : option;
    element.append(h("option", { value: v }, text));
  }
  element.value = value;
  return element;
}
export const button = (text: string, onclick: () => void | Promise<void>, attrs: Attrs = {}): HTMLButtonElement =>
  h("button", { type: "button", ...attrs, onclick: () => void onclick() }, text);

/**
 * "Previous page" and "Next page" for a paged list: `go(delta)` moves the page by one and loads
 * it; the first page has no previous one, the last (no next token or marker) no next one.
 */
export function pagerButtons(atFirst: boolean, hasNext: boolean, go: (delta: -1 | 1) => Promise<void>): HTMLElement[] {
  return [
    button("Previous page", () => go(-1), { disabled: atFirst }),
    button("Next page", () => go(1), { disabled: !hasNext }),
  ];
}

/** A status line for a section: what was done, or the API's error. */
export function statusLine(): { el: HTMLElement; ok(text: string): void; fail(error: unknown): void; clear(): void } {
  const el = h("p", { class: "status", role: "status", "aria-live": "polite" });
  return {
    el,
    ok(text) {
      el.className = "status ok";
      el.textContent = text;
    },
    fail(error) {
      el.className = "status error";
      el.textContent = describeError(error);
    },
    clear() {
      el.className = "status";
      el.textContent = "";
    },
  };
}

/** The API's error as it came: its code and message. */
export function describeError(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { name?: unknown; code?: unknown; message?: unknown };
    const code = typeof e.code === "string" ? e.code : typeof e.name === "string" ? e.name : "Error";
    const message = typeof e.message === "string" ? e.message : "";
    return message ? `${code}: ${message}` : code;
  }
  return String(error);
}

/** Asks before an action that loses data; resolves true only when the action button is chosen. */
export function confirmAction(message: string, action: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "confirm", "aria-labelledby": "confirm-text" });
    const done = (value: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.append(
      h("p", { id: "confirm-text" }, message),
      h(
        "div",
        { class: "actions" },
        button("Cancel", () => done(false)),
        button(action, () => done(true), { class: "danger" }),
      ),
    );
    dialog.addEventListener("cancel", () => resolve(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * A button for an action that loses data or cannot be undone: it asks first (confirmAction, with
 * `ask.confirm` naming the dialog's button), then runs `act`; a failure shows on `status`.
 */
export function confirmedButton(
  label: string,
  ask: { readonly question: string; readonly confirm: string },
  act: () => Promise<void> | void,
  status: { fail(error: unknown): void },
  attrs: Attrs = { class: "danger" },
): HTMLButtonElement {
  return button(
    label,
    async () => {
      if (!(await confirmAction(ask.question, ask.confirm))) return;
      try {
        await act();
      } catch (error) {
        status.fail(error);
      }
    },
    attrs,
  );
}

export function table(headers: readonly string[], rows: readonly Child[][], caption?: string): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      caption ? h("caption", {}, caption) : null,
      h("thead", {}, h("tr", {}, ...headers.map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows.map((cells) => h("tr", {}, ...cells.map((c) => h("td", {}, c))))),
    ),
  );
}

export const section = (title: string, ...children: Child[]): HTMLElement =>
  h("section", { class: "card" }, h("h2", {}, title), ...children);

export const link = (href: string, text: string): HTMLAnchorElement => h("a", { href }, text);

export const when = (date: Date | undefined): string => (date ? date.toISOString().replace(".000Z", "Z") : "");

/** A page's heading: focusable, so the router can move focus to it after navigation. */
export const pageTitle = (text: string, ...extra: Child[]): HTMLElement =>
  h("div", { class: "page-title" }, h("h1", { tabindex: "-1" }, text), ...extra);

/** A form whose submit (button or Enter) runs `onsubmit`. */
export function form(onsubmit: () => void | Promise<void>, ...children: Child[]): HTMLFormElement {
  const element = h("form", { novalidate: true }, ...children);
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    void onsubmit();
  });
  return element;
}
