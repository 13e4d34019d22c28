import {
  iamTagsOf,
  isRecord,
  listOfAnswer,
  numberOf,
  recordOfAnswer,
  textOf,
  textRecordOf,
  textsOf,
} from "./answer.js";
import type { PoolSpec, PrincipalTagSpec, ProviderSpec, RoleSpec } from "./file-schema.js";
import { type Call, isNotFound, type Origin } from "./located-call.js";
import { poolFromAnswers, principalTagNames } from "./pool-api.js";

/** What idpool holds now, in the file's terms; tags include `idpool:setup`. */
export interface ProviderState {
  readonly arn: string;
  readonly spec: ProviderSpec;
}
export interface RoleState {
  readonly arn: string;
  readonly spec: RoleSpec;
}
export interface PoolState {
  readonly spec: PoolSpec & { readonly id: string };
}
export interface State {
  readonly providers: readonly ProviderState[];
  readonly roles: readonly RoleState[];
  readonly pools: readonly PoolState[];
}

const READ: Origin = { at: [] };

/** `undefined` when the resource does not exist; any other failure is thrown. */
async function orMissing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** IAM answers the URL without its scheme (reference §7.2); registered URLs are https. */
export async function readProvider(call: Call, arn: string): Promise<ProviderState | undefined> {
  const p = await orMissing(call("iam", "GetOpenIDConnectProvider", { OpenIDConnectProviderArn: arn }, READ));
  if (!p) return undefined;
  return {
    arn,
    spec: {
      url: withScheme(textOf(p.Url) ?? ""),
      clientIds: textsOf(p.ClientIDList),
      thumbprints: textsOf(p.ThumbprintList),
      tags: iamTagsOf(p.Tags),
    },
  };
}

async function readProviders(call: Call): Promise<ProviderState[]> {
  const list = await call("iam", "ListOpenIDConnectProviders", {}, READ);
  const arns = listOfAnswer(list.OpenIDConnectProviderList).flatMap((p) => {
    const arn = isRecord(p) ? textOf(p.Arn) : undefined;
    return arn === undefined ? [] : [arn];
  });
  return each(arns, (arn) => readProvider(call, arn));
}

/** One at a time: a remote apply should not open a connection per resource. */
async function each<T, U>(items: readonly T[], read: (item: T) => Promise<U | undefined>): Promise<U[]> {
  const out: U[] = [];
  for (const item of items) {
    const found = await read(item);
    if (found !== undefined) out.push(found);
  }
  return out;
}

/** Every page of an IAM list (`Marker`, `IsTruncated`). */
async function allPages(call: Call, operation: string, input: Record<string, unknown>, member: string) {
  const items: unknown[] = [];
  let marker: string | undefined;
  do {
    const page = await call("iam", operation, { ...input, ...(marker ? { Marker: marker } : {}) }, READ);
    items.push(...listOfAnswer(page[member]));
    marker = page.IsTruncated === true || page.IsTruncated === "true" ? textOf(page.Marker) : undefined;
  } while (marker);
  return items;
}

/** Policy documents come back URL-encoded, as IAM sends them (API_Role, API_GetRolePolicy). */
export async function readRole(call: Call, name: string): Promise<RoleState | undefined> {
  const answer = await orMissing(call("iam", "GetRole", { RoleName: name }, READ));
  if (!answer) return undefined;
  const role = recordOfAnswer(answer.Role);
  const names = (await allPages(call, "ListRolePolicies", { RoleName: name }, "PolicyNames")).flatMap((n) =>
    typeof n === "string" ? [n] : [],
  );
  const policies = await each(names, async (policyName) => {
    const p = await call("iam", "GetRolePolicy", { RoleName: name, PolicyName: policyName }, READ);
    return [policyName, decodeURIComponent(textOf(p.PolicyDocument) ?? "")] as const;
  });
  const description = textOf(role.Description);
  return {
    arn: textOf(role.Arn) ?? "",
    spec: {
      name: textOf(role.RoleName) ?? name,
      path: textOf(role.Path) ?? "/",
      ...(description === undefined ? {} : { description }),
      maxSessionDuration: numberOf(role.MaxSessionDuration) ?? 3600,
      trustPolicy: decodeURIComponent(textOf(role.AssumeRolePolicyDocument) ?? ""),
      inlinePolicies: Object.fromEntries(policies),
      tags: iamTagsOf(role.Tags),
    },
  };
}

async function readRoles(call: Call): Promise<RoleState[]> {
  const names = (await allPages(call, "ListRoles", {}, "Roles")).flatMap((r) => {
    const name = isRecord(r) ? textOf(r.RoleName) : undefined;
    return name === undefined ? [] : [name];
  });
  return each(names, (name) => readRole(call, name));
}

export async function readPool(call: Call, id: string): Promise<PoolState | undefined> {
  const pool = await orMissing(call("cognito-identity", "DescribeIdentityPool", { IdentityPoolId: id }, READ));
  if (!pool) return undefined;
  const roles = await call("cognito-identity", "GetIdentityPoolRoles", { IdentityPoolId: id }, READ);
  const config = poolFromAnswers(pool, roles, {});
  const maps: [string, PrincipalTagSpec][] = [];
  for (const name of principalTagNames(config)) {
    const input = { IdentityPoolId: id, IdentityProviderName: name };
    const map = await orMissing(call("cognito-identity", "GetPrincipalTagAttributeMap", input, READ));
    if (map)
      maps.push([name, { useDefaults: map.UseDefaults === true, principalTags: textRecordOf(map.PrincipalTags) }]);
  }
  return { spec: { ...config, principalTags: Object.fromEntries(maps) } };
}

async function readPools(call: Call): Promise<PoolState[]> {
  const ids: string[] = [];
  let next: string | undefined;
  do {
    const page = await call(
      "cognito-identity",
      "ListIdentityPools",
      { MaxResults: 60, ...(next ? { NextToken: next } : {}) },
      READ,
    );
    for (const p of listOfAnswer(page.IdentityPools)) {
      const id = isRecord(p) ? textOf(p.IdentityPoolId) : undefined;
      if (id !== undefined) ids.push(id);
    }
    next = textOf(page.NextToken);
  } while (next);
  return each(ids, (id) => readPool(call, id));
}

/** Everything a setup file can declare, read through the API. */
export async function readState(call: Call): Promise<State> {
  return { providers: await readProviders(call), roles: await readRoles(call), pools: await readPools(call) };
}

/** IAM answers `Url` without `https://`; idpool keeps `http://` on development providers. */
function withScheme(url: string): string {
  return url.startsWith("http://") ? url : `https://${url}`;
}
