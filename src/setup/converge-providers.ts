import { iamTags, textOf } from "./answer.js";
import { canonicalProvider, same } from "./canonical.js";
import { convergeIamTags, type Outcome } from "./converge-tags.js";
import type { FilePath } from "./field-path.js";
import type { ProviderSpec } from "./file-schema.js";
import type { Call } from "./located-call.js";
import type { ProviderState } from "./read-state.js";

const sorted = (items: readonly string[] | undefined): string[] => [...(items ?? [])].sort();

/**
 * Makes one IAM OpenID Connect provider what `desired` says (tags in full, `idpool:setup`
 * included): CreateOpenIDConnectProvider, or the update operations IAM has for each part
 * (UpdateOpenIDConnectProviderThumbprint, Add/RemoveClientIDToOpenIDConnectProvider, Tag/Untag).
 */
export async function convergeProvider(
  call: Call,
  desired: ProviderSpec,
  current: ProviderState | undefined,
  at: FilePath,
): Promise<{ readonly outcome: Outcome; readonly arn: string }> {
  const want = canonicalProvider(desired);
  const tags = want.tags ?? {};
  if (!current) {
    const input = {
      Url: desired.url,
      ClientIDList: want.clientIds ?? [],
      ThumbprintList: want.thumbprints ?? [],
      Tags: iamTags(tags),
    };
    const members = {
      Url: [...at, "url"],
      ClientIDList: [...at, "clientIds"],
      ThumbprintList: [...at, "thumbprints"],
      Tags: { tags: [...at, "tags"], keys: Object.keys(tags) },
    };
    const out = await call("iam", "CreateOpenIDConnectProvider", input, { at, members });
    return { outcome: "created", arn: textOf(out.OpenIDConnectProviderArn) ?? "" };
  }
  const have = canonicalProvider(current.spec);
  const arn = { OpenIDConnectProviderArn: current.arn };
  let changed = false;
  if (!same(sorted(want.thumbprints), sorted(have.thumbprints))) {
    const input = { ...arn, ThumbprintList: want.thumbprints ?? [] };
    await call("iam", "UpdateOpenIDConnectProviderThumbprint", input, {
      at: [...at, "thumbprints"],
      members: { ThumbprintList: [...at, "thumbprints"] },
    });
    changed = true;
  }
  const wantIds = want.clientIds ?? [];
  const haveIds = have.clientIds ?? [];
  for (const id of wantIds) {
    if (haveIds.includes(id)) continue;
    const field = [...at, "clientIds", (desired.clientIds ?? []).indexOf(id)];
    await call(
      "iam",
      "AddClientIDToOpenIDConnectProvider",
      { ...arn, ClientID: id },
      { at: field, members: { ClientID: field } },
    );
    changed = true;
  }
  for (const id of haveIds.filter((id) => !wantIds.includes(id))) {
    await call(
      "iam",
      "RemoveClientIDFromOpenIDConnectProvider",
      { ...arn, ClientID: id },
      { at: [...at, "clientIds"] },
    );
    changed = true;
  }
  const ops = { untag: "UntagOpenIDConnectProvider", tag: "TagOpenIDConnectProvider" };
  if (await convergeIamTags(call, ops, arn, tags, have.tags ?? {}, [...at, "tags"])) changed = true;
  return { outcome: changed ? "updated" : "unchanged", arn: current.arn };
}
