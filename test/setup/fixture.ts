import type { ApiCaller } from "../../src/setup/index.js";

export const ACCOUNT = "000000000000";
export const POOL_ID = "us-east-1:6c1f0b5e-3d2a-4f7b-9a8e-1b2c3d4e5f60";
export const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
export const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/login.example.com`;

export const TRUST = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: "cognito-identity.amazonaws.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { "cognito-identity.amazonaws.com:aud": POOL_ID },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      },
    },
  ],
};

export const READ_PROFILE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::profiles/*"}]}';

export interface Variant {
  /** v1 declares PoolAdmin and maps `groups` Contains `admin` to it; v2 drops it and maps `staff` to PoolUser. */
  readonly withAdmin?: boolean;
  readonly claim?: string;
  readonly extraRole?: string;
}

/** A setup file with a provider, two roles, a pool with a pinned id, rules, principal tags and tags. */
export function setupYaml({ withAdmin = true, claim = "groups", extraRole }: Variant = {}): string {
  const trust = JSON.stringify(TRUST);
  return `# yaml-language-server: $schema=../../schema/setup.schema.json
name: demo
openIdConnectProviders:
  - url: https://login.example.com
    clientIds: [web, mobile]
    thumbprints: ["990F4193972F2BECF12DDEDA5237F9C952F20D9E"]
    tags: { team: identity }
roles:
  - name: PoolUser
    description: Signed-in users of the shop
    trustPolicy: ${trust}
    inlinePolicies:
      read-profile: '${READ_PROFILE}'
    tags: { tier: standard }
${withAdmin ? `  - name: PoolAdmin\n    maxSessionDuration: 7200\n    trustPolicy: ${trust}\n` : ""}${
  extraRole ? `  - name: ${extraRole}\n    trustPolicy: ${trust}\n` : ""
}identityPools:
  - name: Shop
    id: ${POOL_ID}
    allowUnauthenticatedIdentities: false
    openIdConnectProviderARNs: [${PROVIDER_ARN}]
    roles: { authenticated: ${roleArn("PoolUser")} }
    roleMappings:
      login.example.com:
        type: Rules
        ambiguousRoleResolution: AuthenticatedRole
        rulesConfiguration:
          rules:
            - { claim: email_verified, matchType: Equals, value: "true", roleARN: ${roleArn("PoolUser")} }
            - { claim: department, matchType: StartsWith, value: sales, roleARN: ${roleArn("PoolUser")} }
            - claim: ${claim}
              matchType: Contains
              value: ${withAdmin ? "admin" : "staff"}
              roleARN: ${roleArn(withAdmin ? "PoolAdmin" : "PoolUser")}
    principalTags:
      login.example.com:
        principalTags: { department: department, group: groups }
    tags: { env: test }
`;
}

/** The 1-based line of the first line of `text` that includes `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line includes ${needle}`);
  return index + 1;
}

/** Wraps a caller to record the operations that change something (all but Get, List, Describe). */
export function recording(inner: ApiCaller): { caller: ApiCaller; writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    caller: (service, operation, input) => {
      if (!/^(Get|List|Describe)/.test(operation)) writes.push(operation);
      return inner(service, operation, input);
    },
  };
}
