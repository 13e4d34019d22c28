/**
 * One process of the two-process race in sqlite-write-lock.test.ts: opens the store on the data
 * directory in argv[2] and runs argv[4] GetId-shaped transactions (look the login up, then create
 * the identity and its login) for logins prefixed argv[3], all at once, then prints one JSON line
 * of how they ended.
 */
import { openSqliteStore } from "../../src/store/index.js";

const [dataDir = "", prefix = "p", countText = "0"] = process.argv.slice(2);
const store = openSqliteStore(dataDir);
const poolId = "us-east-1:race";

async function getId(i: number): Promise<void> {
  await store.transaction(async (tx) => {
    const subject = `${prefix}-${i}`;
    if (await tx.logins.findByLogin(poolId, "idp", subject)) return;
    const identityId = `us-east-1:${prefix}-${i}`;
    await tx.identities.create({
      identityId,
      poolId,
      createdAtMs: 1,
      modifiedAtMs: 1,
      mergedInto: undefined,
      disabledAtMs: undefined,
    });
    await tx.logins.insert([{ poolId, provider: "idp", subject, identityId }], 1);
  });
}

const outcomes = await Promise.allSettled(Array.from({ length: Number(countText) }, (_, i) => getId(i)));
const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [String((o.reason as Error).message)] : []));
await store.close();
process.stdout.write(
  `${JSON.stringify({
    ok: outcomes.length - failures.length,
    locked: failures.filter((m) => m.includes("database is locked")).length,
    other: failures.filter((m) => !m.includes("database is locked")).slice(0, 3),
  })}\n`,
);
