import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../shared/index.js";
import { GENESIS_HASH } from "./chain.js";
import { startAuditTrail } from "./index.js";
import type { AuditOutput } from "./output.js";
import { AuditWriter } from "./writer.js";

const T0 = Date.parse("2030-01-01T00:00:00Z");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function recordingLog() {
  const lines: { level: string; obj: object; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj, msg });
  return { lines, log: { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") } };
}

const parse = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { seq: number; event: Record<string, unknown>; prev: string; hash: string });

const discontinuity = {
  type: "key_discontinuity",
  provider: "https://idp.example",
  kind: "key_set_replaced",
  previousKids: ["a"],
  newKids: ["b", "c"],
  action: "refused",
} as const;

describe("audit trail writer", () => {
  it("records a key discontinuity with its provider, kids and action, and stop writes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "idpool-audit-"));
    dirs.push(dir);
    const file = join(dir, "audit.log");
    const trail = await startAuditTrail({
      target: file,
      required: false,
      log: recordingLog().log,
      clock: new ManualClock(T0),
    });
    trail.sink.emit(discontinuity);
    trail.sink.emit({ type: "identity_created", poolId: "p", identityId: "i" });
    await trail.stop();
    const [line, ...rest] = parse(readFileSync(file, "utf8"));
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ seq: 1, time: "2030-01-01T00:00:00.000Z", prev: GENESIS_HASH, event: discontinuity });
  });

  it("writes to stdout's stream for `-`", async () => {
    const stdout = new PassThrough();
    let text = "";
    stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    const trail = await startAuditTrail({ target: "-", required: false, log: recordingLog().log, stdout });
    trail.sink.emit(discontinuity);
    await trail.stop();
    expect(parse(text).map((l) => l.event.type)).toEqual(["key_discontinuity"]);
  });

  it("on a failing file logs once, counts every lost event, and refuses audited calls when required", async () => {
    const { lines, log } = recordingLog();
    const lost: number[] = [];
    const trail = await startAuditTrail({ target: "/dev/full", required: true, log, onLost: (n) => lost.push(n) });
    const signed = { service: "iam", name: "CreateRole", auth: "root" };
    const issuing = { service: "cognito-identity", name: "GetCredentialsForIdentity", auth: "none" };
    const getId = { service: "cognito-identity", name: "GetId", auth: "none" };
    expect(() => trail.admit?.(signed)).not.toThrow();
    trail.sink.emit(discontinuity);
    await expect.poll(() => trail.lostEvents()).toBe(1);
    trail.sink.emit(discontinuity);
    trail.sink.emit(discontinuity);
    expect(trail.lostEvents()).toBe(3);
    expect(lost).toEqual([1, 1, 1]);
    expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      "the audit trail cannot be written: events are lost (and counted) until it can",
    ]);
    expect(() => trail.admit?.(signed)).toThrow(expect.objectContaining({ code: "InternalErrorException" }));
    expect(() => trail.admit?.(issuing)).toThrow(expect.objectContaining({ code: "InternalErrorException" }));
    expect(() => trail.admit?.(getId)).not.toThrow();
    await trail.stop();
  });

  it("bounds its queue: events past it are counted, and the next write says how many were lost", async () => {
    let text = "";
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const output: AuditOutput = {
      name: "held",
      open: async () => {},
      close: async () => {},
      write: async (chunk) => {
        await held;
        text += chunk;
      },
    };
    const { lines, log } = recordingLog();
    const writer = new AuditWriter({ output, log, clock: new ManualClock(T0), maxQueued: 2 });
    for (let i = 0; i < 5; i++) writer.append({ type: "events_lost", count: 100 + i });
    expect(writer.unavailable).toBe(true);
    expect(writer.lostEvents).toBe(3);
    expect(lines.filter((l) => l.level === "error")).toHaveLength(1);
    release();
    await expect.poll(() => text.length).toBeGreaterThan(0);
    writer.append({ type: "events_lost", count: 200 });
    await writer.stop();
    expect(parse(text).map((l) => [l.seq, l.event.count])).toEqual([
      [1, 3],
      [2, 100],
      [3, 101],
      [4, 200],
    ]);
    writer.append({ type: "events_lost", count: 300 });
    expect(writer.lostEvents).toBe(4);
  });

  it("writes what was queued before a reopen to the file open until then, and loses none when the new path fails", async () => {
    const files: string[] = [];
    let opens = 0;
    const output: AuditOutput = {
      name: "rotating",
      open: async () => {
        opens += 1;
        if (opens === 2) throw new Error("EISDIR: the new path is a folder");
        files.push("");
      },
      close: async () => {},
      write: async (chunk) => {
        files[files.length - 1] += chunk;
      },
    };
    const { lines, log } = recordingLog();
    const writer = new AuditWriter({ output, log, clock: new ManualClock(T0), retryMs: 5 });
    await writer.start();
    for (let i = 0; i < 3; i++) writer.append({ type: "events_lost", count: 100 + i });
    // Before the writer's gathering time is up: the three are still queued when the signal comes.
    await writer.reopen();
    expect(writer.lostEvents).toBe(0);
    expect(parse(files[0] ?? "").map((l) => l.event.count)).toEqual([100, 101, 102]);
    expect(lines.filter((l) => l.level === "error")).toHaveLength(1);
    // The retry opens the path again; the chain goes on in the new file.
    await expect.poll(() => files.length).toBe(2);
    writer.append({ type: "events_lost", count: 200 });
    await writer.stop();
    const [first] = parse(files[1] ?? "");
    expect(first).toMatchObject({ seq: 4, prev: parse(files[0] ?? "")[2]?.hash, event: { count: 200 } });
  });
});
