import { serviceError } from "../../errors/index.js";
import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import type { IamDeps, ProviderChainsPort } from "../deps.js";
import { checkProviderUrl } from "../oidc-providers/provider-url.js";
import { providerUrlShape } from "../shapes.js";

type Report = Awaited<ReturnType<ProviderChainsPort>>;

interface WireHost {
  Role: "discovery" | "jwks";
  Url: string;
  Chain: { Subject: string; Issuer: string; Thumbprint: string; NotAfter: string }[];
  Problem?: string;
}

const discoveryUrlOf = (url: string): string => `${url.replace(/\/$/, "")}/.well-known/openid-configuration`;

function wireHost(host: Report["hosts"][number]): WireHost {
  const problems = [
    ...(host.trustStore.verified
      ? []
      : [`the chain does not verify against the trust store (${host.trustStore.error})`]),
    ...(host.hostName.matches ? [] : [`the host name does not match the certificate (${host.hostName.error})`]),
  ];
  return {
    Role: host.role === "jwks_uri" ? "jwks" : "discovery",
    Url: host.url,
    Chain: host.certificates.map((c) => ({
      Subject: c.subject,
      Issuer: c.issuer,
      Thumbprint: c.thumbprint,
      NotAfter: c.validTo,
    })),
    ...(problems.length > 0 ? { Problem: problems.join("; ") } : {}),
  };
}

/**
 * IdpoolService.InspectProviderCertificates (README: "The web console"): the certificate chains and
 * SHA-1 thumbprints of a provider's discovery and jwks_uri hosts, exactly as `idpool thumbprint`
 * prints them (the same inspection, through IamDeps.providerChains, with the server's trust options:
 * the oidc fetch's timeout and size cap, no redirects followed). Root only: the URL is the
 * administrator's, checked with CreateOpenIDConnectProvider's own rules (https:// only: thumbprints
 * apply to TLS). A host that cannot be reached, or a report cut short (no jwks_uri, say), is answered
 * with that host's `Problem`, not an error, so the console shows what it could read.
 */
export function inspectProviderCertificates(deps: IamDeps): Operation {
  return defineOperation({
    service: "idpool",
    name: "InspectProviderCertificates",
    auth: "root",
    input: struct({ Url: required(providerUrlShape) }),
    async handle(input) {
      const { url } = checkProviderUrl(input.Url, false);
      if (!deps.providerChains) throw serviceError("ResourceConflict", "This idpool does not inspect certificates.");
      let report: Report;
      try {
        report = await deps.providerChains(url);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          Hosts: [{ Role: "discovery", Url: discoveryUrlOf(url), Chain: [], Problem: `cannot connect: ${reason}` }],
        };
      }
      const hosts = report.hosts.map(wireHost);
      if (report.problem !== undefined) {
        const last = hosts.at(-1);
        if (hosts.length < 2 || !last) {
          hosts.push({ Role: "jwks", Url: "", Chain: [], Problem: report.problem });
        } else {
          last.Problem = last.Problem ? `${last.Problem}; ${report.problem}` : report.problem;
        }
      }
      return { Hosts: hosts };
    },
  });
}
