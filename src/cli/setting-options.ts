import type { Command } from "commander";

interface OptionSpec {
  readonly flag: string;
  readonly env: string;
  readonly kind: string;
  readonly meaning: string;
  readonly defaultText?: string;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * One option per setting, each naming its variable: a boolean is a bare flag, a list may be
 * repeated (the loader reads it joined with commas, as its variable is written), anything else
 * takes a value. `serve` and `dev` both register theirs here.
 */
export function addSettingOptions(command: Command, specs: readonly OptionSpec[]): void {
  for (const spec of specs) {
    const help = `${spec.meaning} (env ${spec.env}${spec.defaultText ? `, default ${spec.defaultText}` : ""})`;
    if (spec.kind === "boolean") command.option(spec.flag, help);
    else if (spec.kind === "list") command.option(`${spec.flag} <value>`, `${help}; repeatable`, collect);
    else command.option(`${spec.flag} <value>`, help);
  }
}
