import { readFile } from "node:fs/promises";
import type { Logger } from "../shared/index.js";
import type { ApiCaller } from "./api-caller.js";
import { applySetup } from "./apply.js";
import type { TestProviderSpec } from "./file-schema.js";
import { parseSetup } from "./parse.js";
import { type ApplySummary, hasChanges } from "./summary.js";

export { type ApiCaller, ApiError, type RootIdentity, registryCaller, type SetupService } from "./api-caller.js";
export { applySetup } from "./apply.js";
export { exportSetup, type SetupFormat } from "./export.js";
export type { SetupFile, TestProviderSpec } from "./file-schema.js";
export { type HttpCallerOptions, httpCaller } from "./http-caller.js";
export { setupJsonSchemaText } from "./json-schema.js";
export { type ParsedSetup, parseSetup } from "./parse.js";
export { SetupError, type SetupProblem } from "./setup-error.js";
export { type ApplySummary, describeSummary } from "./summary.js";

export interface AppliedSetupFile {
  readonly summary: ApplySummary;
  /** The file's `testProviders`, for `idpool dev` to start; applying does not touch them. */
  readonly testProviders: readonly TestProviderSpec[];
}

/**
 * Reads, checks and applies a setup file (`--setup FILE` on `serve` and `dev`), and logs what
 * changed. Throws SetupError when the file is refused, naming each field and its line.
 */
export async function applySetupFile(caller: ApiCaller, path: string, log: Logger): Promise<AppliedSetupFile> {
  const parsed = parseSetup(path, await readFile(path, "utf8"));
  const summary = await applySetup(caller, parsed);
  const { created, updated, deleted, unchanged } = summary;
  const fields = { setup: path, created, updated, deleted, unchanged: unchanged.length };
  log.info(fields, hasChanges(summary) ? "setup file applied" : "setup file: no changes");
  return { summary, testProviders: parsed.testProviders };
}
