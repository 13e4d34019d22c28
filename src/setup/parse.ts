import { checkValue } from "./check.js";
import { type FilePath, formatPath } from "./field-path.js";
import { DEFAULT_SETUP_NAME, SETUP_TAG_KEY, type SetupFile, setupFile, type TestProviderSpec } from "./file-schema.js";
import { SetupError, type SetupProblem } from "./setup-error.js";
import { parseSource, type SetupSource } from "./source.js";

/** A setup file that passed its structural checks, ready to apply. */
export interface ParsedSetup {
  readonly source: SetupSource;
  readonly setup: SetupFile;
  /** The `idpool:setup` tag value on what this file creates. */
  readonly name: string;
  /** For `idpool dev`, which starts them; applying the rest of the file does not. */
  readonly testProviders: readonly TestProviderSpec[];
}

interface Located {
  readonly path: FilePath;
  readonly message: string;
}

/** Two entries naming one resource would fight over it on every apply. */
function duplicates(entries: readonly { readonly key: string | undefined; readonly path: FilePath }[], what: string) {
  const seen = new Map<string, FilePath>();
  const out: Located[] = [];
  for (const { key, path } of entries) {
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first) out.push({ path, message: `names the same ${what} as ${formatPath(first)}` });
    else seen.set(key, path);
  }
  return out;
}

/** The tag that marks what the file created is idpool's to write (tag keys compare without case in IAM). */
function reservedTags(tags: Readonly<Record<string, string>> | undefined, path: FilePath): Located[] {
  return Object.keys(tags ?? {})
    .filter((k) => k.toLowerCase() === SETUP_TAG_KEY)
    .map((k) => ({ path: [...path, "tags", k], message: `is set by idpool on what the file creates` }));
}

const urlKey = (url: string): string => url.replace(/^https?:\/\//, "");

function crossChecks(setup: SetupFile): Located[] {
  const providers = setup.openIdConnectProviders ?? [];
  const roles = setup.roles ?? [];
  const pools = setup.identityPools ?? [];
  return [
    ...duplicates(
      providers.map((p, i) => ({ key: urlKey(p.url), path: ["openIdConnectProviders", i, "url"] })),
      "provider",
    ),
    ...duplicates(
      roles.map((r, i) => ({ key: r.name.toLowerCase(), path: ["roles", i, "name"] })),
      "role (IAM role names compare without regard to case)",
    ),
    ...duplicates(
      pools.map((p, i) => ({ key: p.id, path: ["identityPools", i, "id"] })),
      "identity pool",
    ),
    ...duplicates(
      pools.map((p, i) => ({ key: p.id === undefined ? p.name : undefined, path: ["identityPools", i, "name"] })),
      "identity pool (a pool without `id` is found by name)",
    ),
    ...duplicates(
      (setup.testProviders ?? []).map((p, i) => ({ key: p.name, path: ["testProviders", i, "name"] })),
      "test provider",
    ),
    ...providers.flatMap((p, i) => reservedTags(p.tags, ["openIdConnectProviders", i])),
    ...roles.flatMap((r, i) => reservedTags(r.tags, ["roles", i])),
    ...pools.flatMap((p, i) => reservedTags(p.tags, ["identityPools", i])),
  ];
}

function fail(source: SetupSource, found: readonly Located[]): never {
  const problems: SetupProblem[] = found.map(({ path, message }) => {
    const line = source.lineOf(path);
    return { path: formatPath(path), ...(line === undefined ? {} : { line }), message };
  });
  throw new SetupError(source.file, problems);
}

/** Parses and checks a setup file's text; `file` names it in messages and picks JSON (`.json`) or YAML. */
export function parseSetup(file: string, text: string): ParsedSetup {
  const source = parseSource(file, text);
  const checked = checkValue(setupFile, source.value ?? {});
  if (!checked.ok) fail(source, checked.violations);
  const setup = checked.value;
  const found = crossChecks(setup);
  if (found.length > 0) fail(source, found);
  return {
    source,
    setup,
    name: setup.name ?? DEFAULT_SETUP_NAME,
    testProviders: setup.testProviders ?? [],
  };
}
