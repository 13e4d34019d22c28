import type { DevResponse } from "./http.js";

/** Markup already escaped; only `html` makes it, so an unescaped value cannot slip into a page. */
export class SafeHtml {
  constructor(readonly text: string) {}
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Interpolated = SafeHtml | string | number | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === undefined) return "";
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** A template tag: every interpolated value is HTML-escaped unless it is already SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolated[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d1f23}
main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0003}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1.2rem}
input,textarea{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #8a8f98;border-radius:4px}
textarea{font-family:ui-monospace,monospace}[aria-invalid=true]{border-color:#b3261e;outline:1px solid #b3261e}
.help{color:#50555c;font-size:.9rem;margin:.3rem 0 0}.error{color:#b3261e;font-weight:600;margin:.3rem 0 0}
button{margin-top:1.5rem;font:inherit;font-weight:600;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#1f5fbf;color:#fff}
code,pre{font-family:ui-monospace,monospace;font-size:.9rem}pre{white-space:pre-wrap;margin:0}
table{border-collapse:collapse;margin-top:.5rem}td,th{text-align:left;vertical-align:top;padding:.2rem .6rem .2rem 0}`;

/**
 * Security headers of every page: nothing loads from anywhere (no script at all, inline style
 * only), the page cannot be framed (clickjacking), and its URL (state, nonce) is never sent on as
 * a Referer. `formActionSources` are the CSP form-action sources (CSP Level 3 §6.4.1): Chromium
 * also checks the redirect that answers a form submission against them, so the login page names
 * its redirect URI's origin beside 'self' or the sign-in redirect would be blocked.
 */
export function page(status: number, title: string, body: SafeHtml, formActionSources = "'none'"): DevResponse {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `form-action ${formActionSources}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; ");
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": csp,
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    },
    body: document.text,
  };
}

/** The page for a request the provider refuses without redirecting (RFC 6749 §4.1.2.1). */
export function errorPage(status: number, heading: string, message: string): DevResponse {
  return page(status, heading, html`<h1>${heading}</h1>\n<p>${message}</p>`);
}
