import type { Kysely } from "kysely";
import type { SettingRepository } from "../store.js";
import type { Database } from "./schema.js";

export function settingRepository(db: Kysely<Database>): SettingRepository {
  return {
    async get(key) {
      const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
      return row?.value;
    },
    async putIfAbsent(key, value) {
      await db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
