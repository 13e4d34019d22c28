/** A pool's principal-tag maps (GetPrincipalTagAttributeMap / SetPrincipalTagAttributeMap), one provider at a time. */
import {
  GetPrincipalTagAttributeMapCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import type { Api } from "../api.js";
import { button, checkbox, field, form, h, section, select, statusLine, textArea } from "../dom.js";
import { formatPairs, parsePairs } from "../text-formats.js";

export async function principalTagsSection(
  api: Api,
  poolId: string,
  loginsKeys: readonly string[],
): Promise<HTMLElement> {
  if (loginsKeys.length === 0) {
    return section("Principal tags", h("p", {}, "Add a provider to the pool to map its claims to principal tags."));
  }
  const provider = field("Provider", select(loginsKeys, loginsKeys[0]));
  const defaults = field("Use the default mappings", checkbox(false));
  const tags = field("Principal tags", textArea("", 3), "One a line: tag=claim");
  const status = statusLine();

  async function load(): Promise<void> {
    status.clear();
    try {
      const out = await api.cognito.send(
        new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: provider.input.value }),
      );
      defaults.input.checked = out.UseDefaults ?? false;
      tags.input.value = formatPairs(out.PrincipalTags);
    } catch (error) {
      status.fail(error);
    }
  }
  provider.input.addEventListener("change", () => void load());
  await load();

  const body = form(
    async () => {
      tags.error(undefined);
      const pairs = parsePairs(tags.input.value);
      if (!pairs.ok) return tags.error(pairs.message);
      try {
        await api.cognito.send(
          new SetPrincipalTagAttributeMapCommand({
            IdentityPoolId: poolId,
            IdentityProviderName: provider.input.value,
            UseDefaults: defaults.input.checked,
            PrincipalTags: pairs.value,
          }),
        );
        status.ok("Principal tags saved.");
      } catch (error) {
        status.fail(error);
        tags.error(String((error as Error).message));
      }
    },
    provider.row,
    defaults.row,
    tags.row,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit" }, "Save principal tags"),
      button("Reload", load, { class: "secondary" }),
    ),
    status.el,
  );
  return section("Principal tags", body);
}
