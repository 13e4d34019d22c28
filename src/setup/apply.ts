import type { ApiCaller } from "./api-caller.js";
import { convergePool } from "./converge-pools.js";
import { convergeProvider } from "./converge-providers.js";
import { convergeRole, deleteRole } from "./converge-roles.js";
import type { Outcome } from "./converge-tags.js";
import { type FilePath, formatPath } from "./field-path.js";
import { type Call, CallRefused, FieldError, locatedCall } from "./located-call.js";
import type { ParsedSetup } from "./parse.js";
import { type Plan, planSetup } from "./plan.js";
import { readPool, readProvider, readRole, readState } from "./read-state.js";
import { SetupError, type SetupProblem } from "./setup-error.js";
import { type ApplySummary, emptySummary } from "./summary.js";

type Undo = () => Promise<void>;

const providerLabel = (url: string) => `OpenID Connect provider ${url}`;
const roleLabel = (name: string) => `role ${name}`;
const poolLabel = (name: string, id: string) => `identity pool ${name} (${id})`;

/** How each resource is put back as it was read, should a later step of the apply fail. */
function undoers(call: Call) {
  return {
    provider:
      (arn: string, before?: Parameters<typeof convergeProvider>[1]): Undo =>
      async () => {
        const now = await readProvider(call, arn);
        if (!before) {
          if (now) await call("iam", "DeleteOpenIDConnectProvider", { OpenIDConnectProviderArn: arn }, { at: [] });
        } else await convergeProvider(call, before, now, []);
      },
    role:
      (name: string, before?: Parameters<typeof convergeRole>[1]): Undo =>
      async () => {
        const now = await readRole(call, name);
        if (!before) {
          if (now) await deleteRole(call, now, []);
        } else await convergeRole(call, before, now, []);
      },
    // A pool the failed apply created has no identities yet; deleting it loses none.
    pool:
      (id: string, before?: Parameters<typeof convergePool>[1]): Undo =>
      async () => {
        const now = await readPool(call, id);
        if (!before) {
          if (now) await call("cognito-identity", "DeleteIdentityPool", { IdentityPoolId: id }, { at: [] });
        } else await convergePool(call, before, now, []);
      },
  };
}

function problemsOf(parsed: ParsedSetup, error: unknown): SetupProblem[] | undefined {
  const errors = error instanceof CallRefused ? error.errors : error instanceof FieldError ? [error] : undefined;
  return errors?.map((e) => {
    const line = parsed.source.lineOf(e.path);
    return { path: formatPath(e.path), ...(line === undefined ? {} : { line }), message: e.message };
  });
}

async function rollBack(journal: readonly Undo[]): Promise<string> {
  const failures: string[] = [];
  for (const undo of [...journal].reverse()) {
    try {
      await undo();
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return failures.length === 0
    ? "Nothing was changed: what this apply had written was put back."
    : `Putting back what this apply had written failed (${failures.join("; ")}); idpool holds part of the file.`;
}

/**
 * Applies a parsed setup file through the public API (`caller`): providers, roles, then pools,
 * each created or brought to what the file says; then what the file created earlier and no longer
 * lists is deleted, pools first. A refused step puts back what the apply had written and throws
 * SetupError, each problem at its file path and line. Identities are never touched, except that
 * deleting a pool the file created deletes that pool's identities (DeleteIdentityPool).
 */
export async function applySetup(caller: ApiCaller, parsed: ParsedSetup): Promise<ApplySummary> {
  const call = locatedCall(caller);
  const summary = emptySummary();
  const record = (outcome: Outcome, label: string) => summary[outcome].push(label);
  const undo = undoers(call);
  const journal: Undo[] = [];
  const state = await readState(call);
  let deletions: Plan["deletions"] = { pools: [], roles: [], providers: [] };
  try {
    const plan = planSetup(parsed.setup, state, parsed.name);
    for (const { at, desired, current } of plan.providers) {
      if (current) journal.push(undo.provider(current.arn, current.spec));
      const { outcome, arn } = await convergeProvider(call, desired, current, at);
      if (!current) journal.push(undo.provider(arn));
      record(outcome, providerLabel(desired.url));
    }
    for (const { at, desired, current } of plan.roles) {
      journal.push(current ? undo.role(current.spec.name, current.spec) : undo.role(desired.name));
      const { outcome } = await convergeRole(call, desired, current, at);
      record(outcome, roleLabel(desired.name));
    }
    for (const { at, desired, current } of plan.pools) {
      if (current) journal.push(undo.pool(current.spec.id, current.spec));
      const { outcome, id } = await convergePool(call, desired, current, at, (id) => journal.push(undo.pool(id)));
      record(outcome, poolLabel(desired.name, id));
    }
    deletions = plan.deletions;
  } catch (error) {
    const note = await rollBack(journal);
    const problems = problemsOf(parsed, error);
    throw problems ? new SetupError(parsed.source.file, problems, note) : error;
  }
  try {
    await deleteUnlisted(call, deletions, summary);
  } catch (error) {
    const note = `The creates and updates stand; deleted before this: ${summary.deleted.join(", ") || "nothing"}.`;
    throw new SetupError(parsed.source.file, problemsOf(parsed, error) ?? [], note);
  }
  return summary;
}

async function deleteUnlisted(call: Call, d: Plan["deletions"], summary: ApplySummary) {
  const at: FilePath = [];
  const steps = [
    ...d.pools.map((p) => ({
      label: poolLabel(p.spec.name, p.spec.id),
      run: () => call("cognito-identity", "DeleteIdentityPool", { IdentityPoolId: p.spec.id }, { at }),
    })),
    ...d.roles.map((r) => ({ label: roleLabel(r.spec.name), run: () => deleteRole(call, r, at) })),
    ...d.providers.map((p) => ({
      label: providerLabel(p.spec.url),
      run: () => call("iam", "DeleteOpenIDConnectProvider", { OpenIDConnectProviderArn: p.arn }, { at }),
    })),
  ];
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Deletions are last and not put back (a deleted pool's identities cannot be).
      throw new CallRefused([new FieldError(at, "DeleteFailed", `deleting ${step.label}: ${message}`)]);
    }
    summary.deleted.push(step.label);
  }
}
