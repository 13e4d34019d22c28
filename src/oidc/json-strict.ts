/**
 * What JSON.parse lets through and a token must not carry: a duplicate member name. JSON.parse
 * keeps the last one silently, so `{"iss":"https://evil.example",…,"iss":"<real>"}` would read as
 * the real issuer to idpool but possibly as the other to a tool that keeps the first. RFC 7515 §4
 * (header) and RFC 7519 §4 (claims) let a parser either reject duplicates or keep the last; idpool
 * rejects, and at every depth (RFC 8259 §4: names within an object SHOULD be unique), because a
 * nested claim is as easy to read two ways. No reviver can see duplicates, hence this scanner.
 */

/**
 * The first member name that occurs twice in one object of `json`, or undefined.
 * `json` must be text JSON.parse has accepted: the scanner then only needs to follow strings and
 * brackets, not the whole grammar. Linear, no recursion (so no depth limit of its own).
 */
export function duplicateMemberName(json: string): string | undefined {
  // One set of names per open object, undefined per open array. A string is a member name when it
  // comes first in an object or right after a comma in one.
  const open: (Set<string> | undefined)[] = [];
  let expectingName = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      let end = i + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === "\\" ? 2 : 1;
      const names = open[open.length - 1];
      if (names && expectingName) {
        const literal = json.slice(i, end + 1);
        // Escapes name the same member: "\u0069ss" is "iss".
        const name = literal.includes("\\") ? (JSON.parse(literal) as string) : literal.slice(1, -1);
        if (names.has(name)) return name;
        names.add(name);
        expectingName = false;
      }
      i = end;
    } else if (char === "{") {
      open.push(new Set());
      expectingName = true;
    } else if (char === "[") {
      open.push(undefined);
    } else if (char === "}" || char === "]") {
      open.pop();
    } else if (char === ",") {
      expectingName = open[open.length - 1] !== undefined;
    }
  }
  return undefined;
}
