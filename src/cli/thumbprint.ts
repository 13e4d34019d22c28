/**
 * `idpool thumbprint <https-url>`: connects to a provider's discovery and jwks_uri hosts as the
 * verifier would and prints every certificate of each chain, marking the one AWS would store.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { type HostChain, inspectProviderChains } from "../oidc/index.js";
import { type CliIo, processIo } from "./io.js";

export function formatHostChain(host: HostChain): string {
  const lines = [`${host.role} host: ${host.url}`];
  lines.push(
    `  trust store: ${host.trustStore.verified ? "chain verifies" : `chain does NOT verify (${host.trustStore.error})`}`,
  );
  lines.push(
    `  host name:   ${host.hostName.matches ? "matches the certificate" : `does NOT match (${host.hostName.error})`}`,
  );
  host.certificates.forEach((cert, index) => {
    const mark = cert.source === "served" && cert.thumbprint === host.awsThumbprint;
    lines.push(
      `  [${index}] ${cert.source}${mark ? "   <- AWS would store this thumbprint (last certificate served)" : ""}`,
    );
    lines.push(`      subject:    ${cert.subject}`, `      issuer:     ${cert.issuer}`);
    lines.push(`      valid:      ${cert.validFrom} to ${cert.validTo}`, `      thumbprint: ${cert.thumbprint}`);
  });
  return `${lines.join("\n")}\n`;
}

export function registerThumbprintCommand(program: Command, io: CliIo = processIo): void {
  program
    .command("thumbprint")
    .description(
      "print the TLS certificate chains of an OpenID provider's discovery and jwks_uri hosts, with SHA-1 thumbprints",
    )
    .argument("<https-url>", "the provider URL as registered, e.g. https://token.actions.githubusercontent.com")
    .option("--extra-ca-file <file>", "PEM file of CA certificates trusted besides the system roots")
    .action(async (url: string, flags: { extraCaFile?: string }) => {
      const extraCaPem = flags.extraCaFile === undefined ? undefined : await readFile(flags.extraCaFile, "utf8");
      let report: Awaited<ReturnType<typeof inspectProviderChains>>;
      try {
        report = await inspectProviderChains(url, extraCaPem === undefined ? {} : { extraCaPem });
      } catch (error) {
        io.err(
          `idpool thumbprint: cannot connect to ${url}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        return io.setExitCode(1);
      }
      for (const host of report.hosts) {
        io.out(
          host.sameHostAsDiscovery
            ? `${host.role} host: ${host.url} (the discovery host: same chain)\n`
            : formatHostChain(host),
        );
      }
      if (report.problem) {
        io.err(`idpool thumbprint: ${report.problem}\n`);
        return io.setExitCode(1);
      }
      const prints = [...new Set(report.hosts.map((h) => h.awsThumbprint).filter((t): t is string => t !== undefined))];
      io.out(`thumbprints to register: ${prints.join(" ")}\n`);
    });
}
