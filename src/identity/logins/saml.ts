import { serviceError } from "../../errors/index.js";
import type { LoginKind } from "./login-kind.js";

const SAML_ARN = /^arn:aws:iam::(\d{12}):saml-provider\/[\w+=,.@-]{1,128}$/;

export function isSamlProviderArn(arn: string, accountId: string): boolean {
  return SAML_ARN.exec(arn)?.[1] === accountId;
}

/**
 * SamlProviderARNs: stored, echoed and usable in role mappings and principal-tag maps, as the API
 * allows (reference §2.4). idpool verifies no SAML assertion yet, so a SAML login is not a
 * supported provider; adding one is a `verify` here.
 */
export const samlKind: LoginKind = {
  recognises: (pool, key) => pool.samlProviderArns.includes(key),
  configured: (config) => config.samlProviderArns.length > 0,
  roleMappingKeys: (config) => config.samlProviderArns,
  principalTagNames: (config) => config.samlProviderArns,
  checkConfig(deps, config) {
    // idpool keeps no SAML provider objects, so only the ARN's form and account can be checked.
    for (const arn of config.samlProviderArns) {
      if (!isSamlProviderArn(arn, deps.accountId)) {
        throw serviceError(
          "InvalidParameter",
          `SamlProviderARNs: '${arn}' is not a SAML provider ARN of this account.`,
        );
      }
    }
  },
};
