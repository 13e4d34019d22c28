/** A select of every identity pool (ListIdentityPools, all pages), for the pages that work on one. */
import { type IdentityPoolShortDescription, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import type { Api } from "../api.js";
import { field, select } from "../dom.js";

export async function allPools(api: Api): Promise<IdentityPoolShortDescription[]> {
  const pools: IdentityPoolShortDescription[] = [];
  let NextToken: string | undefined;
  do {
    const out = await api.cognito.send(new ListIdentityPoolsCommand({ MaxResults: 60, NextToken }));
    pools.push(...(out.IdentityPools ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return pools;
}

export async function poolPicker(api: Api, selected = "") {
  const pools = await allPools(api);
  const options = pools.map((p): [string, string] => [
    p.IdentityPoolId ?? "",
    `${p.IdentityPoolName} (${p.IdentityPoolId})`,
  ]);
  return field("Identity pool", select(options, selected || (options[0]?.[0] ?? "")));
}
