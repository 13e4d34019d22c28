import { readFile } from "node:fs/promises";
import { DEFAULT_TEST_PROVIDER, type TestProviderSpec, type TestProviders } from "../dev/index.js";
import type { OperationRegistry } from "../protocol/index.js";
import {
  type ApplySummary,
  applySetup,
  describeSummary,
  type ParsedSetup,
  parseSetup,
  registryCaller,
  SetupError,
} from "../setup/index.js";
import type { Logger } from "../shared/index.js";
import { defaultDevSetup } from "./dev-setup.js";

/** `--setup FILE`, read and checked before anything starts, so a bad file stops the start at once. */
export async function readSetupFile(path: string | undefined, forDev: boolean): Promise<ParsedSetup | undefined> {
  if (path === undefined) return undefined;
  const parsed = parseSetup(path, await readFile(path, "utf8"));
  if (!forDev && parsed.testProviders.length > 0) {
    throw new SetupError(path, [
      { path: "testProviders", message: "are started by idpool dev only; idpool serve has no test providers" },
    ]);
  }
  return parsed;
}

/** The test providers `idpool dev` starts: the setup file's, or the default `dev` provider. */
export function testProvidersOf(setup: ParsedSetup | undefined): readonly TestProviderSpec[] {
  const declared = setup?.testProviders ?? [];
  if (declared.length === 0) return [DEFAULT_TEST_PROVIDER];
  return declared.map((p) => ({
    name: p.name,
    clientIds: p.clientIds ?? DEFAULT_TEST_PROVIDER.clientIds,
    users: (p.users ?? []).map((u) => ({ sub: u.sub, ...(u.claims ? { claims: u.claims } : {}) })),
  }));
}

export interface StartupSetupDeps {
  readonly registry: OperationRegistry;
  readonly log: Logger;
  readonly accountId: string;
  readonly region: string;
  readonly rootAccessKeyId: string;
}

/**
 * Applies the setup once the service listens (the test providers' keys are fetched from its own
 * port): the `--setup` file, else under `idpool dev` the default setup. Through the in-process
 * registry, so a file gets exactly the checks an API call gets.
 */
export async function applyStartupSetup(
  deps: StartupSetupDeps,
  setup: ParsedSetup | undefined,
  dev: TestProviders | undefined,
): Promise<ApplySummary | undefined> {
  const chosen =
    setup ??
    (dev
      ? parseSetup("(idpool dev default setup)", JSON.stringify(defaultDevSetup(dev, deps.region, deps.accountId)))
      : undefined);
  if (!chosen) return undefined;
  const caller = registryCaller(deps.registry, deps.log, {
    accountId: deps.accountId,
    accessKeyId: deps.rootAccessKeyId,
  });
  const summary = await applySetup(caller, chosen);
  deps.log.info({ setup: chosen.source.file, summary: describeSummary(summary) }, "setup applied");
  return summary;
}
