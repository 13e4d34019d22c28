/** One identity of a pool, as the Identities page shows it: its logins and developer user ids, unlink, delete. */
import {
  DeleteIdentitiesCommand,
  DescribeIdentityCommand,
  LookupDeveloperIdentityCommand,
  UnlinkDeveloperIdentityCommand,
  UnlinkIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import type { Api } from "../api.js";
import { confirmedButton, field, form, h, section, statusLine, table, textArea, textInput, when } from "../dom.js";

export interface IdentityDetailContext {
  readonly api: Api;
  readonly poolId: string;
  readonly developerProvider: string | undefined;
  /** Shows the identity again, after one of its logins was unlinked. */
  readonly refresh: (identityId: string) => Promise<void>;
  /** After the identity was deleted. */
  readonly deleted: (identityId: string) => Promise<void>;
}

type Status = ReturnType<typeof statusLine>;

/** The identity's section; rejects when it cannot be described (the page shows the error). */
export async function identityDetail(ctx: IdentityDetailContext, identityId: string): Promise<HTMLElement> {
  const { api, poolId, developerProvider } = ctx;
  const status = statusLine();
  const i = await api.cognito.send(new DescribeIdentityCommand({ IdentityId: identityId }));
  const logins = i.Logins ?? [];
  let developerIds: string[] = [];
  if (developerProvider && logins.includes(developerProvider)) {
    const dev = await api.cognito.send(
      new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, IdentityId: identityId, MaxResults: 60 }),
    );
    developerIds = dev.DeveloperUserIdentifierList ?? [];
  }
  return section(
    `Identity ${identityId}`,
    h(
      "dl",
      {},
      h("dt", {}, "Identity id"),
      h("dd", { "data-testid": "identity-id" }, identityId),
      h("dt", {}, "Linked logins"),
      h("dd", { "data-testid": "identity-logins" }, logins.join(", ") || "(none: a guest)"),
      h("dt", {}, "Created"),
      h("dd", {}, when(i.CreationDate)),
      h("dt", {}, "Last modified"),
      h("dd", {}, when(i.LastModifiedDate)),
    ),
    developerIds.length ? developerIdsTable(ctx, identityId, developerIds, status) : null,
    logins.some((l) => l !== developerProvider)
      ? h("details", {}, h("summary", {}, "Unlink a provider login"), unlinkLoginForm(ctx, identityId, status))
      : null,
    deleteButton(ctx, identityId, status),
    status.el,
  );
}

function developerIdsTable(
  ctx: IdentityDetailContext,
  identityId: string,
  developerIds: readonly string[],
  status: Status,
): HTMLElement {
  const unlink = async (d: string): Promise<void> => {
    await ctx.api.cognito.send(
      new UnlinkDeveloperIdentityCommand({
        IdentityId: identityId,
        IdentityPoolId: ctx.poolId,
        DeveloperProviderName: ctx.developerProvider ?? "",
        DeveloperUserIdentifier: d,
      }),
    );
    await ctx.refresh(identityId);
  };
  const unlinkButton = (d: string) =>
    confirmedButton(
      `Unlink ${d}`,
      { question: `Unlink the developer user id ${d} from ${identityId}?`, confirm: "Unlink" },
      () => unlink(d),
      status,
      { class: "secondary" },
    );
  return table(
    ["Developer user id", ""],
    developerIds.map((d) => [d, unlinkButton(d)]),
    "Developer user ids",
  );
}

/** UnlinkIdentity needs the login's current token as well as its key (reference: UnlinkIdentity). */
function unlinkLoginForm(ctx: IdentityDetailContext, identityId: string, status: Status): HTMLElement {
  const loginsKey = field("Logins key to unlink", textInput("", { name: "unlink-key" }));
  const token = field(
    "That login's current token",
    textArea("", 2),
    "UnlinkIdentity needs the provider's token for the login.",
  );
  return form(
    async () => {
      const key = loginsKey.input.value.trim();
      try {
        await ctx.api.cognito.send(
          new UnlinkIdentityCommand({
            IdentityId: identityId,
            Logins: { [key]: token.input.value.trim() },
            LoginsToRemove: [key],
          }),
        );
        await ctx.refresh(identityId);
      } catch (error) {
        token.error(String((error as Error).message));
        status.fail(error);
      }
    },
    loginsKey.row,
    token.row,
    h("button", { type: "submit" }, "Unlink login"),
  );
}

function deleteButton(ctx: IdentityDetailContext, identityId: string, status: Status): HTMLElement {
  const question = `Delete the identity ${identityId}? Its logins get a new identity next time.`;
  return confirmedButton(
    "Delete identity",
    { question, confirm: "Delete identity" },
    async () => {
      const out = await ctx.api.cognito.send(new DeleteIdentitiesCommand({ IdentityIdsToDelete: [identityId] }));
      if ((out.UnprocessedIdentityIds ?? []).length)
        throw new Error(`not deleted: ${out.UnprocessedIdentityIds?.[0]?.ErrorCode}`);
      await ctx.deleted(identityId);
    },
    status,
  );
}
