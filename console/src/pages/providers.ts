/** IAM OpenID Connect providers: list, create, client ids, thumbprints, tags, delete. */
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from "@aws-sdk/client-iam";
import type { Api } from "../api.js";
import {
  button,
  confirmAction,
  field,
  form,
  h,
  pageTitle,
  section,
  statusLine,
  table,
  textArea,
  textInput,
  when,
} from "../dom.js";
import { parseLines, parsePairs } from "../text-formats.js";
import { iamTagsForm } from "./iam-tags.js";

const href = (arn: string): string => `#/providers/${encodeURIComponent(arn)}`;

interface WireChainHost {
  Role?: string;
  Url?: string;
  Chain?: { Subject?: string; Issuer?: string; Thumbprint?: string; NotAfter?: string }[];
  Problem?: string;
}

/**
 * The "Show certificate chains" button beside a provider URL field: IdpoolService.InspectProviderCertificates
 * (what `idpool thumbprint` prints), per host its chain with subject, issuer, SHA-1 thumbprint and
 * expiry, each thumbprint with a button adding it to the thumbprint list field. Errors go beside
 * the field named (the URL field on the create form).
 */
function chainViewer(
  api: Api,
  urlOf: () => string,
  errorBeside: { error(message: string | undefined): void },
  thumbprints: { input: HTMLTextAreaElement },
): { button: HTMLButtonElement; panel: HTMLElement } {
  const panel = h("div", { class: "chains", "aria-live": "polite" });
  const use = (print: string) => {
    const now = parseLines(thumbprints.input.value);
    if (!now.map((t) => t.toLowerCase()).includes(print.toLowerCase())) {
      thumbprints.input.value = [...now, print].join("\n");
    }
  };
  const show = button("Show certificate chains", async () => {
    errorBeside.error(undefined);
    panel.replaceChildren(h("p", { class: "hint" }, "Fetching the certificate chains…"));
    try {
      const out = await api.idpool("InspectProviderCertificates", { Url: urlOf() });
      const hosts = (out.Hosts ?? []) as WireChainHost[];
      panel.replaceChildren(
        ...hosts.map((host) =>
          h(
            "div",
            { class: "chain-host" },
            h("h3", {}, `${host.Role === "jwks" ? "jwks_uri" : "discovery"} host${host.Url ? `: ${host.Url}` : ""}`),
            host.Problem ? h("p", { class: "field-error" }, host.Problem) : null,
            (host.Chain ?? []).length
              ? table(
                  ["Subject", "Issuer", "SHA-1 thumbprint", "Expires", ""],
                  (host.Chain ?? []).map((c) => [
                    c.Subject ?? "",
                    c.Issuer ?? "",
                    h("code", {}, c.Thumbprint ?? ""),
                    c.NotAfter ?? "",
                    button("Use this thumbprint", () => use(c.Thumbprint ?? ""), {
                      title: `Add ${c.Thumbprint ?? ""} to the thumbprints`,
                    }),
                  ]),
                  `Certificate chain of the ${host.Role === "jwks" ? "jwks_uri" : "discovery"} host`,
                )
              : null,
          ),
        ),
      );
    } catch (error) {
      panel.replaceChildren();
      errorBeside.error(String((error as Error).message));
    }
  });
  return { button: show, panel };
}

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

export async function providerPage(api: Api, [arn = ""]: readonly string[]): Promise<HTMLElement> {
  const p = await api.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
  const clientIds = p.ClientIDList ?? [];
  const clientStatus = statusLine();
  const reload = () => window.dispatchEvent(new HashChangeEvent("hashchange"));

  const newClient = field("New client id", textInput("", { name: "new-client-id" }));
  const clientRows = clientIds.map((id) => [
    h("code", {}, id),
    button(
      `Remove ${id}`,
      async () => {
        if (!(await confirmAction(`Remove the client id ${id}? Tokens for it will be refused.`, "Remove"))) return;
        try {
          await api.iam.send(
            new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: id }),
          );
          reload();
        } catch (error) {
          clientStatus.fail(error);
        }
      },
      { class: "secondary" },
    ),
  ]);
  const addClient = form(
    async () => {
      newClient.error(undefined);
      try {
        await api.iam.send(
          new AddClientIDToOpenIDConnectProviderCommand({
            OpenIDConnectProviderArn: arn,
            ClientID: newClient.input.value.trim(),
          }),
        );
        reload();
      } catch (error) {
        newClient.error(String((error as Error).message));
        clientStatus.fail(error);
      }
    },
    newClient.row,
    h("button", { type: "submit" }, "Add client id"),
  );

  const thumbprints = field(
    "Thumbprints",
    textArea((p.ThumbprintList ?? []).join("\n"), 3, { name: "thumbprints" }),
    "One a line, 40 hex digits.",
  );
  const thumbStatus = statusLine();
  // The provider's chains, as `idpool thumbprint` prints them; IAM answers Url without its scheme.
  const providerUrl = /^https?:\/\//.test(p.Url ?? "") ? (p.Url ?? "") : `https://${p.Url ?? ""}`;
  const thumbChains = chainViewer(api, () => providerUrl, thumbprints, thumbprints);
  const thumbForm = form(
    async () => {
      thumbprints.error(undefined);
      try {
        await api.iam.send(
          new UpdateOpenIDConnectProviderThumbprintCommand({
            OpenIDConnectProviderArn: arn,
            ThumbprintList: parseLines(thumbprints.input.value),
          }),
        );
        thumbStatus.ok("Thumbprints saved.");
      } catch (error) {
        thumbprints.error(String((error as Error).message));
        thumbStatus.fail(error);
      }
    },
    thumbprints.row,
    h("button", { type: "submit" }, "Save thumbprints"),
    thumbStatus.el,
    thumbChains.button,
    thumbChains.panel,
  );

  const tagForm = iamTagsForm("provider-tags", p.Tags ?? [], {
    tag: (Tags) => api.iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags })),
    untag: (TagKeys) => api.iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys })),
  });

  const deleteStatus = statusLine();
  const remove = button(
    "Delete provider",
    async () => {
      if (
        !(await confirmAction(
          `Delete the provider ${p.Url}? Pools that name it will refuse its tokens.`,
          "Delete provider",
        ))
      )
        return;
      try {
        await api.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
        location.hash = "#/providers";
      } catch (error) {
        deleteStatus.fail(error);
      }
    },
    { class: "danger" },
  );

  return h(
    "div",
    {},
    pageTitle(p.Url ?? arn, h("p", {}, h("code", {}, arn)), h("p", {}, `Created ${when(p.CreateDate)}`)),
    section(
      "Client ids",
      clientRows.length ? table(["Client id", ""], clientRows) : h("p", {}, "No client ids."),
      addClient,
      clientStatus.el,
    ),
    section("Thumbprints", thumbForm),
    section("Tags", tagForm),
    section("Delete", remove, deleteStatus.el),
  );
}
