/** Where a value sits in the setup file: member names and list indices, from the top. */
export type FilePath = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * `identityPools[0].roleMappings["login.example.com"].rulesConfiguration.rules[2].claim`: members
 * that are identifiers after a dot, indices and any other key (data such as a provider name) in
 * brackets, quoted as JSON strings.
 */
export function formatPath(path: FilePath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Turns the rest of an AWS member path (`rulesConfiguration.rules.3.member.claim`, as protocol's
 * validation prints it: members in lowerCamelCase, list items `N.member` from 1, map entries
 * `key.member`, a map's key itself `key`) into file path segments, by walking the input that was
 * sent, so map keys holding dots (`login.example.com`) are read whole. The file names members as
 * the API does in lowerCamelCase, so a structure member keeps its name. Stops where the path no
 * longer matches what was sent and returns what it resolved.
 */
export function apiPathSegments(rest: string, sent: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let value = sent;
  let left = rest;
  while (left !== "") {
    if (Array.isArray(value)) {
      const match = /^(\d+)\.member(?:\.|$)/.exec(left);
      const index = match ? Number(match[1]) - 1 : -1;
      if (!match || index < 0 || index >= value.length) break;
      out.push(index);
      value = value[index];
      left = left.slice(match[0].length);
      continue;
    }
    if (!isObject(value)) break;
    // A map entry: the longest sent key followed by `.member`.
    const entry = Object.keys(value)
      .filter((k) => left === `${k}.member` || left.startsWith(`${k}.member.`))
      .sort((a, b) => b.length - a.length)[0];
    if (entry !== undefined) {
      out.push(entry);
      value = value[entry];
      left = left.slice(entry.length + ".member".length + 1);
      continue;
    }
    const name = left.split(".", 1)[0] ?? "";
    const member = Object.keys(value).find((k) => lowerFirst(k) === name);
    if (member === undefined) break;
    out.push(name);
    value = value[member];
    left = left.slice(name.length + 1);
  }
  return out;
}

/** The member path of every violation in an AWS validation message (`… at 'a.b' failed …`). */
export function violationPaths(message: string): string[] {
  return [...message.matchAll(/ at '([^']*)' failed to satisfy constraint/g)].map((m) => m[1] ?? "");
}
