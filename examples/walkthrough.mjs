// From an ID token to AWS credentials with the official AWS SDK for JavaScript and a local idpool:
// provider → role with a trust policy → pool → GetId → credentials → GetCallerIdentity.
//
//   IDP_URL=https://login.example.com IDP_CLIENT_ID=my-app IDP_THUMBPRINT=<40 hex> ID_TOKEN=<jwt> \
//   AWS_ACCESS_KEY_ID=<root key> AWS_SECRET_ACCESS_KEY=<root secret> node examples/walkthrough.mjs
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

const endpoint = process.env.IDPOOL_ENDPOINT ?? "http://127.0.0.1:4600";
const region = "us-east-1";
const { IDP_URL, IDP_CLIENT_ID, IDP_THUMBPRINT, ID_TOKEN } = process.env;
const iam = new IAMClient({ endpoint, region });
const cognito = new CognitoIdentityClient({ endpoint, region });

// 1. Register the OpenID Connect provider: its URL is the tokens' `iss`, pinned by a thumbprint
//    (`npx idpool thumbprint <url>` prints it; leave the list empty to trust the system roots).
const { OpenIDConnectProviderArn } = await iam.send(
  new CreateOpenIDConnectProviderCommand({ Url: IDP_URL, ClientIDList: [IDP_CLIENT_ID], ThumbprintList: [IDP_THUMBPRINT] }),
);

// 2. An identity pool that accepts it.
const { IdentityPoolId } = await cognito.send(
  new CreateIdentityPoolCommand({
    IdentityPoolName: "Walkthrough",
    AllowUnauthenticatedIdentities: false,
    OpenIdConnectProviderARNs: [OpenIDConnectProviderArn],
  }),
);

// 3. A role that trusts the pool's authenticated identities, set as the pool's authenticated role.
const { Role } = await iam.send(
  new CreateRoleCommand({
    RoleName: "WalkthroughAuthenticated",
    AssumeRolePolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: "cognito-identity.amazonaws.com" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { "cognito-identity.amazonaws.com:aud": IdentityPoolId },
            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
          },
        },
      ],
    }),
  }),
);
await cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { authenticated: Role.Arn } }));

// 4. What an app does (no AWS credentials needed): the logins map is keyed by the issuer without https://.
const app = new CognitoIdentityClient({ endpoint, region, credentials: { accessKeyId: "-", secretAccessKey: "-" } });
const Logins = { [new URL(IDP_URL).host + new URL(IDP_URL).pathname.replace(/\/$/, "")]: ID_TOKEN };
const { IdentityId } = await app.send(new GetIdCommand({ IdentityPoolId, Logins }));
const { Credentials } = await app.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));

// 5. The credentials are real SigV4 credentials for the role.
const sts = new STSClient({
  endpoint,
  region,
  credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken },
});
const caller = await sts.send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ IdentityId, Arn: caller.Arn, Expiration: Credentials.Expiration }));
