/** ARN builders in one place, so every module spells them alike. */
export function oidcProviderArn(accountId: string, urlWithoutScheme: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${urlWithoutScheme}`;
}

export function roleArn(accountId: string, path: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role${path}${roleName}`;
}

/** A customer managed policy: `arn:aws:iam::<account>:policy<path><name>`. */
export function policyArn(accountId: string, path: string, policyName: string): string {
  return `arn:aws:iam::${accountId}:policy${path}${policyName}`;
}

export function identityPoolArn(region: string, accountId: string, poolId: string): string {
  return `arn:aws:cognito-identity:${region}:${accountId}:identitypool/${poolId}`;
}

export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

export interface ParsedRoleArn {
  accountId: string;
  path: string;
  roleName: string;
}

/** `arn:aws:iam::<account>:role/<path/>name`; undefined when it is not a role ARN. */
export function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  const match = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/.exec(arn);
  if (!match) return undefined;
  return { accountId: match[1] ?? "", path: match[2] ?? "/", roleName: match[3] ?? "" };
}
