import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeIdentityPoolCommand, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAuditCommand } from "../../src/cli/audit.js";
import { runCli } from "../cli/cli-harness.js";
import { errorOf, startTestServer } from "../support/server.js";

const dir = mkdtempSync(join(tmpdir(), "idpool-audit-verify-"));
/** The lines a real server wrote, without their newlines. */
let lines: string[] = [];
let lastHash = "";

beforeAll(async () => {
  const trail = join(dir, "audit.log");
  const server = await startTestServer({ flags: { auditLog: trail } });
  for (let i = 0; i < 3; i++) {
    await server.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
    await server.iam.send(new ListRolesCommand({}));
  }
  await errorOf(() =>
    server.cognito.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-0000000000aa" }),
    ),
  );
  await server.stop();
  lines = readFileSync(trail, "utf8").split("\n").filter(Boolean);
  lastHash = (JSON.parse(lines.at(-1) ?? "{}") as { hash: string }).hash;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Writes `content` (lines, each ended by a newline unless told) to a new file and runs verify on it. */
async function verify(content: readonly string[], extra: string[] = [], ending = "\n") {
  const file = join(dir, `copy-${++files}.log`);
  writeFileSync(file, content.map((l, i) => (i === content.length - 1 ? l + ending : `${l}\n`)).join(""));
  return runCli(registerAuditCommand, ["audit", "verify", file, ...extra]);
}

function edited(line: string, change: (parsed: { event: Record<string, unknown> }) => void): string {
  const parsed = JSON.parse(line) as { event: Record<string, unknown> };
  change(parsed);
  return JSON.stringify(parsed);
}

describe("idpool audit verify", () => {
  it("exits 0 on the intact file and prints its last hash", async () => {
    expect(lines).toHaveLength(7);
    const run = await verify(lines);
    expect(run).toEqual({ exitCode: 0, out: `ok: 7 lines, last hash ${lastHash}\n`, err: "" });
  });

  it("names an edited line", async () => {
    const copy = [...lines];
    copy[2] = edited(lines[2] ?? "", (l) => {
      l.event.outcome = "AccessDenied";
    });
    const run = await verify(copy);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain("line 3: hash does not match its content (edited?)");
  });

  it("names the line after one edited with its hash recomputed: its prev no longer links", async () => {
    const { lineHash } = await import("../../src/telemetry/audit/chain.js");
    const parsed = JSON.parse(lines[2] ?? "") as Parameters<typeof lineHash>[0] & { hash: string };
    const forged = { ...parsed, event: { ...parsed.event, outcome: "AccessDenied" } };
    const copy = [...lines];
    copy[2] = JSON.stringify({ ...forged, hash: lineHash(forged) });
    const run = await verify(copy);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain("line 4: prev does not match line 3's hash (removed or reordered?)");
  });

  it("names the line where one was removed", async () => {
    const run = await verify([...lines.slice(0, 3), ...lines.slice(4)]);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain("line 4: prev does not match line 3's hash (removed or reordered?)");
  });

  it("names the first of two swapped lines", async () => {
    const copy = [...lines];
    [copy[4], copy[5]] = [lines[5] ?? "", lines[4] ?? ""];
    const run = await verify(copy);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain("line 5: prev does not match line 4's hash (removed or reordered?)");
  });

  it("finds a removed first line, and checks a later file's link to the one before with --follows", async () => {
    const run = await verify(lines.slice(1));
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain(
      "line 1: seq 2 does not start the chain (seq 1, prev 64 zeros): lines missing at the start?",
    );
    const firstHash = (JSON.parse(lines[0] ?? "{}") as { hash: string }).hash;
    expect(await verify(lines.slice(1), ["--follows", firstHash])).toMatchObject({ exitCode: 0 });
    const gap = await verify(lines.slice(2), ["--follows", firstHash]);
    expect(gap.exitCode).toBe(1);
    expect(gap.err).toContain(`line 1: prev is not the expected ${firstHash} (lines missing at the start?)`);
  });

  it("catches a cut-off tail with --expect-last-hash, and a half-written last line by itself", async () => {
    const cut = lines.slice(0, 5);
    expect((await verify(cut)).exitCode).toBe(0);
    const run = await verify(cut, ["--expect-last-hash", lastHash]);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain(`is not the expected ${lastHash} (lines cut off the end?)`);
    expect(await verify(lines, ["--expect-last-hash", lastHash])).toMatchObject({ exitCode: 0 });
    const half = await verify([...cut, (lines[5] ?? "").slice(0, 40)], [], "");
    expect(half.exitCode).toBe(1);
    expect(half.err).toContain("line 6: not an audit line");
    const unended = await verify(lines, [], "");
    expect(unended.err).toContain("line 7: not ended by a newline (cut off?)");
  });

  it("says which line the expected hash is on when lines were added after it", async () => {
    const earlier = (JSON.parse(lines[4] ?? "{}") as { hash: string }).hash;
    const run = await verify(lines, ["--expect-last-hash", earlier]);
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain("the expected last hash is line 5's, and 2 lines follow it");
  });
});
