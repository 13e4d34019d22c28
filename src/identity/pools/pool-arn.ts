import { serviceError } from "../../errors/index.js";
import type { IdentityPoolRecord, IdentityPoolRepository } from "../../store/index.js";
import { poolNotFound } from "./pool-access.js";

const POOL_ARN = /^arn:aws:cognito-identity:([^:]+):(\d+):identitypool\/(.+)$/;

/**
 * The pool a tagging ResourceArn names: `arn:aws:cognito-identity:<region>:<account>:identitypool/<poolId>`
 * (reference §1.1). An ARN of another region, account or service names nothing here, so it is
 * ResourceNotFoundException too.
 */
export async function poolOfArn(
  pools: IdentityPoolRepository,
  where: { readonly region: string; readonly accountId: string },
  arn: string,
): Promise<IdentityPoolRecord> {
  const match = POOL_ARN.exec(arn);
  const [, region, accountId, poolId] = match ?? [];
  if (poolId === undefined) throw serviceError("ResourceNotFound", `Resource '${arn}' not found.`);
  const pool = region === where.region && accountId === where.accountId ? await pools.get(poolId) : undefined;
  if (!pool) throw poolNotFound(poolId);
  return pool;
}
