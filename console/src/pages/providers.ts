/** IAM OpenID Connect providers: the list, and registering one (its URL's chains shown on request). */
import {
  CreateOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
} from "@aws-sdk/client-iam";
import type { Api } from "../api.js";
import { field, form, h, pageTitle, section, statusLine, table, textArea, textInput, when } from "../dom.js";
import { parseLines, parsePairs } from "../text-formats.js";
import { chainViewer } from "./chain-viewer.js";

const href = (arn: string): string => `#/providers/${encodeURIComponent(arn)}`;

export async function providersPage(api: Api): Promise<HTMLElement> {
  const { OpenIDConnectProviderList = [] } = await api.iam.send(new ListOpenIDConnectProvidersCommand({}));
  const rows = await Promise.all(
    OpenIDConnectProviderList.map(async ({ Arn = "" }) => {
      const p = await api.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }));
      return [h("a", { href: href(Arn) }, p.Url ?? Arn), (p.ClientIDList ?? []).join(", "), when(p.CreateDate)];
    }),
  );
  const url = field(
    "Provider URL",
    textInput("https://", { name: "provider-url", inputmode: "url" }),
    "The issuer, https://",
  );
  const clients = field("Client ids", textArea("", 2, { name: "client-ids" }), "One a line (the token's aud or azp).");
  const thumbprints = field(
    "Thumbprints",
    textArea("", 2, { name: "thumbprints" }),
    "One a line: SHA-1 of the top intermediate CA's certificate, 40 hex digits. Optional.",
  );
  const tags = field("Tags", textArea("", 2, { name: "provider-tags" }), "One a line: key=value");
  const chains = chainViewer(api, () => url.input.value.trim(), url, thumbprints);
  url.input.after(chains.button);
  const status = statusLine();
  const create = form(
    async () => {
      for (const f of [url, clients, thumbprints, tags]) f.error(undefined);
      const pairs = parsePairs(tags.input.value);
      if (!pairs.ok) return tags.error(pairs.message);
      try {
        const out = await api.iam.send(
          new CreateOpenIDConnectProviderCommand({
            Url: url.input.value.trim(),
            ClientIDList: parseLines(clients.input.value),
            ThumbprintList: parseLines(thumbprints.input.value),
            Tags: Object.entries(pairs.value).map(([Key, Value]) => ({ Key, Value })),
          }),
        );
        location.hash = href(out.OpenIDConnectProviderArn ?? "");
      } catch (error) {
        status.fail(error);
        const message = String((error as Error).message);
        if (/thumbprint/i.test(message)) thumbprints.error(message);
        else if (/client/i.test(message)) clients.error(message);
        else if (/tag/i.test(message)) tags.error(message);
        else url.error(message);
      }
    },
    url.row,
    chains.panel,
    clients.row,
    thumbprints.row,
    tags.row,
    h("button", { type: "submit" }, "Create provider"),
    status.el,
  );
  return h(
    "div",
    {},
    pageTitle("OpenID Connect providers"),
    section(
      "Providers",
      rows.length
        ? table(["URL", "Client ids", "Created"], rows, "OpenID Connect providers")
        : h("p", {}, "No providers yet."),
    ),
    section("Create an OpenID Connect provider", create),
  );
}
