/** The certificate chains of a provider URL's hosts, beside the forms that take thumbprints. */
import type { Api } from "../api.js";
import { button, h, table } from "../dom.js";
import { parseLines } from "../text-formats.js";

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
export function chainViewer(
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
