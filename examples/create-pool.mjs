// Creates an OpenID Connect provider, a role that trusts Cognito identities, and an identity pool,
// with the official AWS SDK for JavaScript pointed at a local idpool. Run from the repository root:
//   AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... node examples/create-pool.mjs
// (use the root credentials idpool printed on first start, or the ones you set in IDPOOL_ROOT_*).
import { CognitoIdentityClient, CreateIdentityPoolCommand, SetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";

const endpoint = process.env.IDPOOL_ENDPOINT ?? "http://127.0.0.1:4600";
const region = "us-east-1";
const iam = new IAMClient({ endpoint, region });
const cognito = new CognitoIdentityClient({ endpoint, region });

const { OpenIDConnectProviderArn } = await iam.send(
  new CreateOpenIDConnectProviderCommand({
    Url: "https://login.example.com",
    ClientIDList: ["my-app"],
    ThumbprintList: ["990f4193972f2becf12ddeda5237f9c952f20d9e"],
  }),
);

const pool = await cognito.send(
  new CreateIdentityPoolCommand({
    IdentityPoolName: "MyPool",
    AllowUnauthenticatedIdentities: false,
    OpenIdConnectProviderARNs: [OpenIDConnectProviderArn],
  }),
);

const { Role } = await iam.send(
  new CreateRoleCommand({
    RoleName: "MyPoolAuthenticated",
    AssumeRolePolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: "cognito-identity.amazonaws.com" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { "cognito-identity.amazonaws.com:aud": pool.IdentityPoolId },
            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
          },
        },
      ],
    }),
  }),
);

await cognito.send(
  new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { authenticated: Role.Arn } }),
);

console.log(JSON.stringify({ providerArn: OpenIDConnectProviderArn, identityPoolId: pool.IdentityPoolId, roleArn: Role.Arn }));
