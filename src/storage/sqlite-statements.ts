import type { Database as SqliteDatabase, Statement } from "better-sqlite3";

/** How many distinct statements to keep: the repository has a few dozen queries; lists of ids vary in length. */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * The database as Kysely's SQLite dialect sees it, with each SQL text prepared once. Kysely's SQLite driver
 * calls `prepare` for every query it runs; SQLite's own statement compilation is then most of the cost of a
 * small query. A better-sqlite3 statement can be run again with new parameters, and SQLite re-prepares it by
 * itself if the schema changes, so reusing one is safe. Kysely runs one query at a time per connection (and
 * there is one connection), so a statement is never busy when it is handed out again. Least recently used
 * statements are dropped beyond `size`.
 */
export function preparedOnce(
  db: SqliteDatabase,
  size = STATEMENT_CACHE_SIZE,
): { close(): void; prepare(sql: string): Statement } {
  const cache = new Map<string, Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (sql: string): Statement => {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-inserted below: the most recently used is last
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
