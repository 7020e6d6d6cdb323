/**
 * Test helper run as a separate process: creates a library's search index
 * the way SearchIndex does (WAL, then the schema in one write transaction)
 * but stops before COMMIT, says "holding", and goes on when it reads a line
 * on stdin: commits, writes once more ('library' = 'holder') and closes.
 * Any error (such as "disk I/O error" when another process deleted the
 * file meanwhile) goes to stderr with a non-zero exit.
 */
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { BUSY_TIMEOUT_MS } from '../../library/library-store.ts';
import { createSearchSchema, SEARCH_FILE } from '../search-index.ts';

const db = new DatabaseSync(join(process.argv[2], SEARCH_FILE), { timeout: BUSY_TIMEOUT_MS });
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
db.exec('BEGIN IMMEDIATE');
createSearchSchema(db);
process.stdout.write('holding\n');
createInterface({ input: process.stdin }).once('line', () => {
  db.exec('COMMIT');
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('library', 'holder')").run();
  db.close();
  process.stdout.write('committed\n');
  process.exit(0);
});
