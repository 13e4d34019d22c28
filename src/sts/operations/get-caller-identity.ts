import { defineOperation, type Operation, struct } from "../../protocol/index.js";

/**
 * STS GetCallerIdentity (signed): who signed the request. Root → `arn:aws:iam::<account>:root`;
 * temporary credentials → the assumed-role ARN and `AROA…:<session>`, as
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html describes.
 */
export function getCallerIdentity(): Operation {
  return defineOperation({
    service: "sts",
    name: "GetCallerIdentity",
    auth: "signed",
    input: struct({}),
    async handle(_input, ctx) {
      const principal = ctx.principal;
      if (!principal) throw new Error("GetCallerIdentity reached without a principal");
      return { UserId: principal.userId, Account: principal.accountId, Arn: principal.arn };
    },
  });
}
