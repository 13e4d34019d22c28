/** One thing wrong with a setup file: where (field path, line) and what. */
export interface SetupProblem {
  /** `identityPools[0].roleMappings["login.example.com"].rulesConfiguration.rules[2].claim`; "" for the file. */
  readonly path: string;
  /** 1-based line of the field (or of the nearest enclosing one present in the file). */
  readonly line?: number;
  readonly message: string;
}

function describe(file: string, p: SetupProblem): string {
  const where = p.line === undefined ? file : `${file}:${p.line}`;
  return p.path === "" ? `${where}: ${p.message}` : `${where}: ${p.path}: ${p.message}`;
}

/**
 * A setup file that cannot be applied, with every problem found. The message lists them one per
 * line as `FILE:LINE: PATH: what`, the form editors and terminals link to the line.
 */
export class SetupError extends Error {
  readonly file: string;
  readonly problems: readonly SetupProblem[];

  constructor(file: string, problems: readonly SetupProblem[], note?: string) {
    super([...problems.map((p) => describe(file, p)), ...(note === undefined ? [] : [note])].join("\n"));
    this.name = "SetupError";
    this.file = file;
    this.problems = problems;
  }
}
