/** One IAM OpenID Connect provider: client ids, thumbprints, tags, delete. */
import {
  AddClientIDToOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from "@aws-sdk/client-iam";
import type { Api } from "../api.js";
import {
  confirmedButton,
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
import { parseLines } from "../text-formats.js";
import { chainViewer } from "./chain-viewer.js";
import { iamTagsForm } from "./iam-tags.js";

export async function providerPage(api: Api, [arn = ""]: readonly string[]): Promise<HTMLElement> {
  const p = await api.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
  const clientIds = p.ClientIDList ?? [];
  const clientStatus = statusLine();
  const reload = () => window.dispatchEvent(new HashChangeEvent("hashchange"));

  const newClient = field("New client id", textInput("", { name: "new-client-id" }));
  const clientRows = clientIds.map((id) => [
    h("code", {}, id),
    confirmedButton(
      `Remove ${id}`,
      { question: `Remove the client id ${id}? Tokens for it will be refused.`, confirm: "Remove" },
      async () => {
        await api.iam.send(
          new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: id }),
        );
        reload();
      },
      clientStatus,
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
  const remove = confirmedButton(
    "Delete provider",
    {
      question: `Delete the provider ${p.Url}? Pools that name it will refuse its tokens.`,
      confirm: "Delete provider",
    },
    async () => {
      await api.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
      location.hash = "#/providers";
    },
    deleteStatus,
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
