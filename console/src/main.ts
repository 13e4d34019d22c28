/** The console's shell: sign-in, the navigation and the hash router (one module a page). */
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { type Api, apiFor, clientsFor } from "./api.js";
import { button, describeError, field, h, textInput } from "./dom.js";
import { identitiesPage } from "./pages/identities.js";
import { keysPage } from "./pages/keys.js";
import { poolPage } from "./pages/pool.js";
import { poolsPage } from "./pages/pools.js";
import { providerPage } from "./pages/provider.js";
import { providersPage } from "./pages/providers.js";
import { refusalsPage } from "./pages/refusals.js";
import { rolePage } from "./pages/role.js";
import { rolesPage } from "./pages/roles.js";
import { tokenPage } from "./pages/token.js";
import { checkSignIn, DEFAULT_REGION, forgetSession, loadSession, type Session, saveSession } from "./session.js";

export type Page = (api: Api, params: readonly string[]) => Promise<HTMLElement>;

const NAV: readonly [string, string][] = [
  ["#/pools", "Identity pools"],
  ["#/providers", "OpenID Connect providers"],
  ["#/roles", "Roles"],
  ["#/identities", "Identities"],
  ["#/keys", "Signing keys"],
  ["#/token", "Test a token"],
  ["#/refusals", "Recent refusals"],
];

const ROUTES: readonly [RegExp, Page][] = [
  [/^#\/pools\/?$/, poolsPage],
  [/^#\/pools\/([^/]+)$/, poolPage],
  [/^#\/providers\/?$/, providersPage],
  [/^#\/providers\/(.+)$/, providerPage],
  [/^#\/roles\/?$/, rolesPage],
  [/^#\/roles\/([^/]+)$/, rolePage],
  [/^#\/identities(?:\/([^/]+))?$/, identitiesPage],
  [/^#\/keys$/, keysPage],
  [/^#\/token$/, tokenPage],
  [/^#\/refusals$/, refusalsPage],
];

const root = document.getElementById("app") as HTMLElement;
let api: Api | undefined;
let rendering = 0;

function signInView(): HTMLElement {
  const keyId = field("Access key ID", textInput("", { name: "access-key-id", autocomplete: "username" }));
  const secret = field(
    "Secret access key",
    h("input", { type: "password", name: "secret-access-key", autocomplete: "current-password" }),
    "Kept in this tab only (sessionStorage) and never sent: every call is signed here with SigV4.",
  );
  const region = field("Region", textInput(DEFAULT_REGION, { name: "region" }));
  const failure = h("p", { class: "status error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    { class: "card sign-in", "aria-labelledby": "sign-in-heading", novalidate: true },
    h("h1", { id: "sign-in-heading" }, "idpool console"),
    h("p", {}, "Sign in with an access key (idpool's root credentials)."),
    keyId.row,
    secret.row,
    region.row,
    failure,
    submit,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      failure.hidden = true;
      const checked = checkSignIn({
        accessKeyId: keyId.input.value,
        secretAccessKey: secret.input.value,
        region: region.input.value,
      });
      keyId.error(checked.errors.accessKeyId);
      secret.error(checked.errors.secretAccessKey);
      region.error(checked.errors.region);
      if (!checked.credentials) return;
      submit.disabled = true;
      const clients = clientsFor({ credentials: checked.credentials, region: checked.region });
      try {
        const me = await clients.sts.send(new GetCallerIdentityCommand({}));
        const session: Session = {
          credentials: checked.credentials,
          region: checked.region,
          arn: me.Arn ?? "",
          account: me.Account ?? "",
        };
        saveSession(sessionStorage, session);
        start(session);
      } catch (error) {
        failure.textContent = describeError(error);
        failure.hidden = false;
      } finally {
        clients.sts.destroy();
        clients.cognito.destroy();
        clients.iam.destroy();
        submit.disabled = false;
      }
    })();
  });
  return h("main", { class: "signed-out" }, form);
}

function signOut(): void {
  forgetSession(sessionStorage);
  api?.destroy();
  api = undefined;
  history.replaceState(null, "", location.pathname);
  root.replaceChildren(signInView());
  document.getElementById(root.querySelector("input")?.id ?? "")?.focus();
}

function shell(session: Session, content: HTMLElement): HTMLElement {
  const current = location.hash || "#/pools";
  const nav = h(
    "nav",
    { "aria-label": "Console pages" },
    h(
      "ul",
      {},
      ...NAV.map(([href, text]) =>
        h(
          "li",
          {},
          h(
            "a",
            { href, "aria-current": current === href || current.startsWith(`${href}/`) ? "page" : undefined },
            text,
          ),
        ),
      ),
    ),
  );
  return h(
    "div",
    { class: "shell" },
    h(
      "header",
      {},
      h("a", { class: "brand", href: "#/pools" }, "idpool console"),
      h("span", { class: "who", title: session.arn }, session.arn || session.credentials.accessKeyId),
      button("Sign out", signOut, { class: "secondary" }),
    ),
    nav,
    h("main", { id: "content", tabindex: "-1" }, content),
  );
}

async function render(): Promise<void> {
  if (!api) return;
  const mine = ++rendering;
  const hash = location.hash || "#/pools";
  const route = ROUTES.map(([pattern, page]) => [pattern.exec(hash), page] as const).find(([m]) => m);
  let content: HTMLElement;
  if (!route) content = h("section", { class: "card" }, h("h1", {}, "Not found"), h("p", {}, `No page at ${hash}.`));
  else {
    const [match, page] = route;
    const params = (match?.slice(1) ?? []).map((p) => (p === undefined ? "" : decodeURIComponent(p)));
    try {
      content = await page(api, params);
    } catch (error) {
      content = h(
        "section",
        { class: "card" },
        h("h1", {}, "Could not load the page"),
        h("p", { class: "status error", role: "alert" }, describeError(error)),
      );
    }
  }
  if (mine !== rendering || !api) return;
  const hadFocusInMain = document.activeElement?.closest("main") !== null;
  root.replaceChildren(shell(api.session, content));
  if (hadFocusInMain || document.activeElement === document.body) content.querySelector("h1")?.focus();
}

function start(session: Session): void {
  api = apiFor(session);
  if (!location.hash) history.replaceState(null, "", "#/pools");
  void render();
}

window.addEventListener("hashchange", () => void render());
const saved = loadSession(sessionStorage);
if (saved) start(saved);
else root.replaceChildren(signInView());
