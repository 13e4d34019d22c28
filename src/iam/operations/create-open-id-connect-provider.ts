import { serviceError } from "../../errors/index.js";
import { defineOperation, list, type Operation, required, struct } from "../../protocol/index.js";
import { allowsHttpProvider, oidcProviderArn } from "../../shared/index.js";
import type { OidcProviderRecord } from "../../store/index.js";
import type { IamDeps } from "../deps.js";
import { checkClientIds, checkThumbprints } from "../oidc-providers/lists.js";
import { checkProviderUrl } from "../oidc-providers/provider-url.js";
import { clientIdShape, providerUrlShape, tagListShape, thumbprintShape } from "../shapes.js";
import { optionalTags, tagsFromWire } from "../tags.js";

/** Reference §7.1: 100 OIDC providers per account. */
export const MAX_PROVIDERS_PER_ACCOUNT = 100;

/**
 * Registers a provider. Every rule is checked before anything is written, so a refused request
 * leaves nothing behind. Unlike IAM, idpool does not fetch a thumbprint when none is given: an
 * empty list means "trust the chain against the trust store" (CONTRACT.md).
 */
export function createOpenIdConnectProvider(deps: IamDeps): Operation {
  return defineOperation({
    service: "iam",
    name: "CreateOpenIDConnectProvider",
    auth: "root",
    input: struct({
      Url: required(providerUrlShape),
      ClientIDList: list(clientIdShape),
      ThumbprintList: list(thumbprintShape),
      Tags: tagListShape,
    }),
    async handle(input) {
      const { url, loginsKey } = checkProviderUrl(
        input.Url,
        allowsHttpProvider(deps.allowHttpProviders, deps.httpProviderUrls, input.Url),
      );
      const clientIds = checkClientIds(input.ClientIDList ?? []);
      const thumbprints = checkThumbprints(input.ThumbprintList ?? []);
      const tags = tagsFromWire(input.Tags);
      const arn = oidcProviderArn(deps.accountId, loginsKey);
      const record: OidcProviderRecord = {
        arn,
        url,
        clientIds,
        thumbprints,
        tags,
        createdAtMs: deps.clock.nowMs(),
        version: 1,
      };
      // Count and insert in one transaction so the quota holds against concurrent creates where
      // the engine serialises writers (SQLite); the unique URL/ARN is the database's to decide.
      const created = await deps.store.transaction(async (tx) => {
        if ((await tx.oidcProviders.count()) >= MAX_PROVIDERS_PER_ACCOUNT) {
          throw serviceError(
            "IamLimitExceeded",
            `Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${MAX_PROVIDERS_PER_ACCOUNT}`,
          );
        }
        return tx.oidcProviders.create(record);
      });
      if (!created) throw serviceError("EntityAlreadyExists", `Provider with url ${url} already exists.`);
      return { OpenIDConnectProviderArn: arn, Tags: optionalTags(tags) };
    },
  });
}
