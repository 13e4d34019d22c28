import { defineOperation, type Operation, required, struct } from "../../protocol/index.js";
import { credentialsFor } from "../credentials/credentials.js";
import type { IdentityDeps } from "../deps.js";
import { authorizeIdentity } from "../identities/authorize-identity.js";
import { arnString, identityId, loginsMap } from "../shapes.js";

/** GetCredentialsForIdentity (reference §3.3, §3.6, §6). The JSON field is `SecretKey`. */
export function getCredentialsForIdentity(deps: IdentityDeps): Operation {
  return defineOperation({
    service: "cognito-identity",
    name: "GetCredentialsForIdentity",
    auth: "none",
    input: struct({ IdentityId: required(identityId), Logins: loginsMap, CustomRoleArn: arnString }),
    async handle(input, ctx) {
      const who = await authorizeIdentity(deps, input.IdentityId, input.Logins ?? {}, ctx.log);
      const loginsKeys = Object.keys(input.Logins ?? {});
      const credentials = await credentialsFor(
        deps,
        who.pool,
        who.identityId,
        who.login,
        input.CustomRoleArn,
        ctx.log,
        loginsKeys,
      );
      return {
        IdentityId: who.identityId,
        Credentials: {
          AccessKeyId: credentials.accessKeyId,
          SecretKey: credentials.secretAccessKey,
          SessionToken: credentials.sessionToken,
          Expiration: credentials.expiration,
        },
      };
    },
  });
}
