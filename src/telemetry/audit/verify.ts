/**
 * Checks an audit trail line by line (`idpool audit verify`): each line's hash against its content,
 * each `prev` against the line before, `seq` counting up by one. Streams the file, so a large trail
 * needs no more memory than a line.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { GENESIS_HASH, type JsonValue, type LineContent, lineHash } from "./chain.js";

export interface VerifyOptions {
  /** The last hash kept elsewhere: a trail ending on another hash lost its tail (or grew one). */
  readonly expectLastHash?: string;
  /**
   * The last hash of the file before this one (after a rotation): the first line must continue from
   * it. Without it the first line must start the chain (seq 1, prev 64 zeros).
   */
  readonly follows?: string;
}

export type VerifyReport =
  | {
      readonly ok: true;
      readonly lines: number;
      readonly lastHash: string;
      /** Events the writer recorded as lost (`events_lost` lines). */
      readonly lostEvents: number;
    }
  | { readonly ok: false; readonly problem: string };

const HEX_HASH = /^[0-9a-f]{64}$/;

type Parsed = LineContent & { readonly hash: string };

function parseLine(text: string): Parsed | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { seq, time, event, prev, hash } = value as Record<string, unknown>;
  if (typeof seq !== "number" || !Number.isSafeInteger(seq) || typeof time !== "string") return undefined;
  if (event === null || typeof event !== "object" || Array.isArray(event)) return undefined;
  if (typeof prev !== "string" || !HEX_HASH.test(prev) || typeof hash !== "string" || !HEX_HASH.test(hash)) {
    return undefined;
  }
  // JSON.parse yields only JSON values, so the event is one.
  return { seq, time, event: event as { readonly [member: string]: JsonValue }, prev, hash };
}

/** The first problem of line `n` given the line before it, or undefined. */
function problemOf(
  n: number,
  line: Parsed | undefined,
  before: Parsed | undefined,
  follows?: string,
): string | undefined {
  if (!line) return `line ${n}: not an audit line (a JSON object with seq, time, event, prev and hash)`;
  if (lineHash(line) !== line.hash) return `line ${n}: hash does not match its content (edited?)`;
  if (before) {
    if (line.prev !== before.hash) return `line ${n}: prev does not match line ${n - 1}'s hash (removed or reordered?)`;
    if (line.seq !== before.seq + 1)
      return `line ${n}: seq ${line.seq} follows seq ${before.seq} (removed or reordered?)`;
    return undefined;
  }
  if (follows !== undefined) {
    return line.prev === follows
      ? undefined
      : `line 1: prev is not the expected ${follows} (lines missing at the start?)`;
  }
  if (line.seq !== 1 || line.prev !== GENESIS_HASH) {
    return (
      `line 1: seq ${line.seq} does not start the chain (seq 1, prev 64 zeros): lines missing at the start?` +
      " (a file after a rotation: pass --follows with the last hash of the file before it)"
    );
  }
  return undefined;
}

/** Whether the file's last byte is a newline (the writer ends every line with one). */
async function endsWithNewline(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

export async function verifyAuditFile(path: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  let before: Parsed | undefined;
  let n = 0;
  let lostEvents = 0;
  let expectedAt: number | undefined;
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    n++;
    const line = parseLine(text);
    const problem = problemOf(n, line, before, options.follows);
    if (problem || !line) {
      lines.close();
      return { ok: false, problem: problem ?? `line ${n}: not an audit line` };
    }
    if (line.event.type === "events_lost" && typeof line.event.count === "number") lostEvents += line.event.count;
    before = line;
    if (line.hash === options.expectLastHash) expectedAt = n;
  }
  if (!(await endsWithNewline(path))) return { ok: false, problem: `line ${n}: not ended by a newline (cut off?)` };
  const lastHash = before?.hash ?? options.follows ?? GENESIS_HASH;
  const expected = options.expectLastHash;
  if (expected !== undefined && expected !== lastHash) {
    return {
      ok: false,
      problem:
        expectedAt === undefined
          ? `last hash ${lastHash} is not the expected ${expected} (lines cut off the end?)`
          : `the expected last hash is line ${expectedAt}'s, and ${n - expectedAt} lines follow it`,
    };
  }
  return { ok: true, lines: n, lastHash, lostEvents };
}
