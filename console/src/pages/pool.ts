/** One identity pool: every setting UpdateIdentityPool has, its tags, roles and mappings, principal tags, delete. */
import {
  type CognitoIdentityProvider,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  UpdateIdentityPoolCommand,
} from "@aws-sdk/client-cognito-identity";
import { ListOpenIDConnectProvidersCommand } from "@aws-sdk/client-iam";
import type { Api } from "../api.js";
import {
  checkbox,
  confirmedButton,
  field,
  form,
  h,
  pageTitle,
  section,
  statusLine,
  textArea,
  textInput,
} from "../dom.js";
import { formatPairs, parseLines, parsePairs } from "../text-formats.js";
import { principalTagsSection } from "./pool-principal-tags.js";
import { rolesSection } from "./pool-roles.js";

const userPoolsText = (list: readonly CognitoIdentityProvider[] | undefined): string =>
  (list ?? []).map((p) => [p.ProviderName, p.ClientId, p.ServerSideTokenCheck ? "true" : "false"].join(",")).join("\n");

function parseUserPools(text: string): { ok: true; value: CognitoIdentityProvider[] } | { ok: false; message: string } {
  const value: CognitoIdentityProvider[] = [];
  for (const [i, line] of parseLines(text).entries()) {
    const [name, client, check] = line.split(",").map((s) => s.trim());
    if (!name || !client || (check !== undefined && check !== "true" && check !== "false")) {
      return { ok: false, message: `line ${i + 1}: expected provider name,client id[,true|false], got "${line}"` };
    }
    value.push({ ProviderName: name, ClientId: client, ServerSideTokenCheck: check === "true" });
  }
  return { ok: true, value };
}

export async function poolPage(api: Api, [poolId = ""]: readonly string[]): Promise<HTMLElement> {
  const pool = await api.cognito.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }));
  const providerArns = new Set(pool.OpenIdConnectProviderARNs ?? []);
  const { OpenIDConnectProviderList = [] } = await api.iam.send(new ListOpenIDConnectProvidersCommand({}));
  for (const p of OpenIDConnectProviderList) if (p.Arn) providerArns.add(p.Arn);

  const name = field("Pool name", textInput(pool.IdentityPoolName ?? "", { name: "pool-name" }));
  const guests = field(
    "Allow guest (unauthenticated) identities",
    checkbox(pool.AllowUnauthenticatedIdentities ?? false),
  );
  const classic = field("Allow the basic (classic) flow", checkbox(pool.AllowClassicFlow ?? false));
  const developer = field(
    "Developer provider name",
    textInput(pool.DeveloperProviderName ?? "", { name: "developer-provider" }),
    "For GetOpenIdTokenForDeveloperIdentity; it cannot be changed once set.",
  );
  const oidcBoxes = [...providerArns].map((arn) => {
    const box = checkbox((pool.OpenIdConnectProviderARNs ?? []).includes(arn));
    box.value = arn;
    return field(arn, box);
  });
  const oidc = h(
    "fieldset",
    {},
    h("legend", {}, "OpenID Connect providers"),
    ...(oidcBoxes.length
      ? oidcBoxes.map((f) => f.row)
      : [h("p", { class: "hint" }, "No OpenID Connect providers: create one first.")]),
  );
  const publicProviders = field(
    "Public providers",
    textArea(formatPairs(pool.SupportedLoginProviders), 3, { name: "public-providers" }),
    "One a line: provider=app id, e.g. accounts.google.com=123.apps.googleusercontent.com",
  );
  const userPools = field(
    "User pools",
    textArea(userPoolsText(pool.CognitoIdentityProviders), 3, { name: "user-pools" }),
    "One a line: provider name,client id,server-side token check (true|false)",
  );
  const saml = field("SAML provider ARNs", textArea((pool.SamlProviderARNs ?? []).join("\n"), 2), "One ARN a line.");
  const tags = field(
    "Tags",
    textArea(formatPairs(pool.IdentityPoolTags), 3, { name: "pool-tags" }),
    "One a line: key=value",
  );
  const saveStatus = statusLine();
  const settings = form(
    async () => {
      for (const f of [name, publicProviders, userPools, tags]) f.error(undefined);
      const supported = parsePairs(publicProviders.input.value);
      const users = parseUserPools(userPools.input.value);
      const tagPairs = parsePairs(tags.input.value);
      if (!supported.ok) return publicProviders.error(supported.message);
      if (!users.ok) return userPools.error(users.message);
      if (!tagPairs.ok) return tags.error(tagPairs.message);
      try {
        await api.cognito.send(
          new UpdateIdentityPoolCommand({
            IdentityPoolId: poolId,
            IdentityPoolName: name.input.value.trim(),
            AllowUnauthenticatedIdentities: guests.input.checked,
            AllowClassicFlow: classic.input.checked,
            ...(developer.input.value.trim() ? { DeveloperProviderName: developer.input.value.trim() } : {}),
            OpenIdConnectProviderARNs: oidcBoxes.filter((f) => f.input.checked).map((f) => f.input.value),
            SupportedLoginProviders: supported.value,
            CognitoIdentityProviders: users.value,
            SamlProviderARNs: parseLines(saml.input.value),
            IdentityPoolTags: tagPairs.value,
          }),
        );
        saveStatus.ok("Saved.");
      } catch (error) {
        saveStatus.fail(error);
        const message = String((error as Error).message);
        if (/IdentityPoolName/i.test(message)) name.error(message);
        else if (/SupportedLoginProviders/i.test(message)) publicProviders.error(message);
        else if (/CognitoIdentityProviders/i.test(message)) userPools.error(message);
        else if (/DeveloperProviderName/i.test(message)) developer.error(message);
        else if (/tag/i.test(message)) tags.error(message);
      }
    },
    name.row,
    guests.row,
    classic.row,
    developer.row,
    oidc,
    publicProviders.row,
    userPools.row,
    saml.row,
    tags.row,
    h("button", { type: "submit" }, "Save settings"),
    saveStatus.el,
  );

  const deleteStatus = statusLine();
  const question = `Delete the pool ${pool.IdentityPoolName} (${poolId})? Its identities are deleted with it; this cannot be undone.`;
  const remove = confirmedButton(
    "Delete pool",
    { question, confirm: "Delete pool" },
    async () => {
      await api.cognito.send(new DeleteIdentityPoolCommand({ IdentityPoolId: poolId }));
      location.hash = "#/pools";
    },
    deleteStatus,
  );

  const loginsKeys = [
    ...(pool.OpenIdConnectProviderARNs ?? []).map((arn) => arn.replace(/^arn:[^:]*:iam::\d+:oidc-provider\//, "")),
    ...Object.keys(pool.SupportedLoginProviders ?? {}),
    ...(pool.CognitoIdentityProviders ?? []).map((p) => p.ProviderName ?? ""),
  ].filter(Boolean);

  return h(
    "div",
    {},
    pageTitle(
      pool.IdentityPoolName ?? poolId,
      h("p", {}, h("code", {}, poolId)),
      h("p", {}, h("a", { href: `#/identities/${encodeURIComponent(poolId)}` }, "Identities of this pool")),
    ),
    section("Settings", settings),
    await rolesSection(api, poolId, loginsKeys),
    await principalTagsSection(api, poolId, loginsKeys),
    section("Delete", h("p", {}, "Deleting a pool deletes its identities."), remove, deleteStatus.el),
  );
}
