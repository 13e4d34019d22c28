/**
 * Top self-time functions of V8 CPU profiles (`node --cpu-prof`, written by `npm run bench --
 * --cpu-prof <dir>`). Run: npx tsx bench/profile-summary.ts <file.cpuprofile | dir> [top=25]
 * Percentages are of the busy time (idle excluded), summed over every profile given.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const ROOT = process.cwd();

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    ? `${relative(ROOT, url.replace(/^file:\/\//, "")).replace(/^node_modules\/\.cache\/idpool-bench\//, "")}:${lineNumber + 1}`
    : "";
  return `${functionName || "(anonymous)"} ${where}`.trim();
}

/** Self microseconds per function label; each sample is charged the time until the next one. */
export function selfTimes(profile: Profile, into = new Map<string, number>()): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = label(node);
    into.set(key, (into.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  return into;
}

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(path, f));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, topText] = process.argv.slice(2);
  if (!path) throw new Error("usage: bench/profile-summary.ts <file.cpuprofile | dir> [top]");
  const totals = new Map<string, number>();
  for (const file of files(path)) selfTimes(JSON.parse(readFileSync(file, "utf8")) as Profile, totals);
  totals.delete("(idle)");
  const busy = [...totals.values()].reduce((a, b) => a + b, 0);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(topText ?? "25"));
  process.stdout.write(`busy ${(busy / 1e6).toFixed(2)} s\n| self % | self ms | function |\n| ---: | ---: | --- |\n`);
  for (const [name, us] of top) {
    process.stdout.write(`| ${((us / busy) * 100).toFixed(1)} | ${(us / 1000).toFixed(0)} | \`${name}\` |\n`);
  }
}
