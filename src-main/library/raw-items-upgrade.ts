import type { DatabaseSync } from 'node:sqlite';
import type { RawPage } from '../../core/page-model.ts';
import { splitRawPage } from './raw-items-codec.ts';

/**
 * Converting the raw items of pages stored before migration 11 (the whole raw
 * page as JSON in pages.raw) into the compact BLOB (pages.raw_items,
 * raw-items-codec.ts), a little at a time after the library has opened.
 *
 * Done at open, in the migration's one transaction, it cost ~20 ms a page:
 * minutes for an archive of 10,000 pages, with the app (or the CLI) frozen
 * and silent on its first start after an upgrade. Every reader takes either
 * form, so nothing waits for the conversion: pages still to convert are
 * listed (the table `raw_items_pending`), and this pass takes them from that
 * list in small batches. What the list holds is what is left, so a quit or a
 * crash part-way loses nothing and the next pass goes on from there; an empty
 * list is one cheap look at every later start.
 *
 * Migration 12 does not list them itself: finding them reads every page's row,
 * ~40 ms of CPU and a quarter of a second or more of the app's main thread at
 * 10,000 pages with the rows in the disk cache (much more from a cold disk),
 * growing with the archive. It marks the whole library as not listed yet (the
 * table `raw_items_unlisted`: the key of the last page looked at), and the
 * conversion lists them, LIST_PAGES at a time in a short transaction of their
 * own, whenever its list runs dry: on the app's worker, or in `broadsheet
 * upgrade`. Until then pages not listed yet count as waiting: in a library from
 * before migration 11 every one of them does.
 *
 * Each page is read and converted with no lock held, then written in a short
 * write transaction with its list entry, and only if the page is still the
 * one that was read (raw_items still NULL, raw byte for byte the same): a
 * page an import, a re-import or a repair rewrote meanwhile is never
 * overwritten with an older conversion, and another process converting the
 * same library at the same time (the app and `broadsheet upgrade`) only
 * costs the work twice. A page whose raw text is not JSON, or has no items,
 * is left byte for byte as it is (reading it says what is wrong, as before)
 * and leaves the list.
 */

/** Pages a batch takes at most. */
export const BATCH_PAGES = 32;
/**
 * Characters of raw JSON a batch takes at most (each page is kept as read
 * until its write compares it): a scan's raw page is 1.5–2.5 MB of JSON, so
 * ~4 scans a batch. Rewriting a scan's row (its old 2 MB freed, the BLOB
 * written) holds the write lock ~10–40 ms: an import's page waits that long
 * times the batch at most (bench/raw-items-upgrade.ts prints the longest).
 */
export const BATCH_CHARS = 8 * 1024 * 1024;

/** What one batch did. `left`: pages still listed after it. */
export interface UpgradeBatch {
  converted: number;
  /** Left as they are: not JSON, no items, or rewritten by someone else meanwhile (already in the new form). */
  kept: number;
  left: number;
}

/** Pages a listing step looks at (their keys and whether they have a BLOB): a few milliseconds. */
export const LIST_PAGES = 2000;

/**
 * Migration 12: the list of pages still to convert, empty, and every page marked as not listed yet (none in a new
 * library). Reads no page: the conversion lists them (listRawItemsStep). Re-runnable.
 */
export function startRawItemsListing(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS raw_items_pending (
      doc_id TEXT NOT NULL,
      number INTEGER NOT NULL,
      PRIMARY KEY (doc_id, number)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS raw_items_unlisted (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- The last page looked at, in key order; the pages after it are still to be listed.
      after_doc TEXT NOT NULL,
      after_number INTEGER NOT NULL
    );
    INSERT OR IGNORE INTO raw_items_unlisted (id, after_doc, after_number) SELECT 1, '', -1 WHERE EXISTS (SELECT 1 FROM pages);
  `);
}

function hasTable(db: DatabaseSync, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

type Cursor = { after_doc: string; after_number: number };
function listingCursor(db: DatabaseSync): Cursor | undefined {
  if (!hasTable(db, 'raw_items_unlisted')) return undefined;
  return db.prepare('SELECT after_doc, after_number FROM raw_items_unlisted').get() as Cursor | undefined;
}

/**
 * Lists the pages stored without a BLOB among the next `pages` not looked at yet, in one short write transaction.
 * Returns whether pages are still to be looked at after it.
 */
export function listRawItemsStep(db: DatabaseSync, pages = LIST_PAGES): boolean {
  db.exec('BEGIN IMMEDIATE');
  try {
    // Read under the lock: another process listing the same library (the app and `broadsheet upgrade`) goes on from it.
    const cursor = listingCursor(db);
    if (cursor) {
      // The primary key's index, in its order: a page read at most once, whatever the listing's steps.
      const rows = db
        .prepare('SELECT doc_id, number, raw_items IS NULL AS old FROM pages WHERE (doc_id, number) > (?, ?) ORDER BY doc_id, number LIMIT ?')
        .all(cursor.after_doc, cursor.after_number, pages) as Array<{ doc_id: string; number: number; old: number }>;
      const add = db.prepare('INSERT OR IGNORE INTO raw_items_pending (doc_id, number) VALUES (?, ?)');
      for (const r of rows) if (r.old) add.run(r.doc_id, r.number);
      const last = rows.at(-1);
      if (rows.length < pages || !last) db.exec('DELETE FROM raw_items_unlisted');
      else db.prepare('UPDATE raw_items_unlisted SET after_doc = ?, after_number = ?').run(last.doc_id, last.number);
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return listingCursor(db) !== undefined;
}

/** Lists every page not listed yet (tests, benches). */
export function listAllRawItems(db: DatabaseSync): void {
  while (listRawItemsStep(db));
}

/**
 * How many pages are still to convert (0 in a library made or converted by this version, or before migration 12):
 * those listed, and those not looked at yet (from its key index alone: ~1 ms at 10,000 pages). These are counted as
 * waiting, as every one of them is in a library from before migration 11; a page imported since the library was
 * migrated is counted too until the listing passes it.
 */
export function pendingRawItems(db: DatabaseSync): number {
  if (!hasTable(db, 'raw_items_pending')) return 0;
  const listed = (db.prepare('SELECT count(*) AS n FROM raw_items_pending').get() as { n: number }).n;
  const cursor = listingCursor(db);
  if (!cursor) return listed;
  const unlisted = (db.prepare('SELECT count(*) AS n FROM pages WHERE (doc_id, number) > (?, ?)').get(cursor.after_doc, cursor.after_number) as { n: number }).n;
  return listed + unlisted;
}

type Pending = { doc_id: string; number: number };
type Converted = Pending & { raw: string | Uint8Array; json: string | Uint8Array; items: Uint8Array };

/**
 * Converts the next few listed pages (at most BATCH_PAGES and BATCH_CHARS of
 * raw JSON, but always at least one), each page and its list entry in one
 * write transaction.
 */
export function convertRawItemsBatch(db: DatabaseSync, limits: { pages?: number; chars?: number; beforeWrite?: () => void } = {}): UpgradeBatch {
  const maxPages = limits.pages ?? BATCH_PAGES;
  const maxChars = limits.chars ?? BATCH_CHARS;
  // The list ran dry: the next pages not looked at yet are listed first (migration 12 left them to this).
  const listed = () => db.prepare('SELECT 1 FROM raw_items_pending LIMIT 1').get() !== undefined;
  while (!listed() && listingCursor(db) && listRawItemsStep(db));
  const next = db.prepare('SELECT doc_id, number FROM raw_items_pending ORDER BY doc_id, number LIMIT ?').all(maxPages) as unknown as Pending[];
  const read = db.prepare('SELECT raw FROM pages WHERE doc_id = ? AND number = ? AND raw_items IS NULL');
  const done: Converted[] = [];
  const settled: Pending[] = [];
  let chars = 0;
  for (const p of next) {
    if (done.length > 0 && chars >= maxChars) break;
    const row = read.get(p.doc_id, p.number) as { raw: string | Uint8Array } | undefined;
    settled.push(p);
    if (!row) continue; // removed, or rewritten in the new form: nothing to convert
    chars += row.raw.length;
    const stored = convert(row.raw);
    if (stored) done.push({ ...p, raw: row.raw, ...stored });
  }
  // Tests: another writer between the reads and the write.
  limits.beforeWrite?.();
  let converted = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    // Only the page as it was read: the comparison of raw is what keeps a page rewritten meanwhile safe.
    const write = db.prepare('UPDATE pages SET raw = ?, raw_items = ? WHERE doc_id = ? AND number = ? AND raw_items IS NULL AND raw = ?');
    for (const c of done) converted += Number(write.run(c.json, c.items, c.doc_id, c.number, c.raw).changes);
    const drop = db.prepare('DELETE FROM raw_items_pending WHERE doc_id = ? AND number = ?');
    for (const p of settled) drop.run(p.doc_id, p.number);
    db.exec('COMMIT');
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
  return { converted, kept: settled.length - converted, left: pendingRawItems(db) };
}

/** The stored halves of a raw page given as its whole JSON, or null when it is not JSON or has no items: kept as it is. */
function convert(raw: string | Uint8Array): { json: string; items: Uint8Array } | null {
  let page: { items?: unknown };
  try {
    page = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as { items?: unknown };
  } catch {
    return null;
  }
  if (!page || !Array.isArray(page.items)) return null;
  try {
    const stored = splitRawPage(page as RawPage);
    return { json: stored.json as string, items: stored.items };
  } catch {
    // Items the codec cannot take (it keeps odd ones as JSON, so none are known): the page stays readable as it is,
    // rather than a batch that fails at every start and converts nothing after it.
    return null;
  }
}

/**
 * Converts every listed page, batch after batch (`broadsheet upgrade`, tests).
 * `onBatch` hears how far it is after each; returning false stops there, as
 * a quit would.
 */
export function convertAllRawItems(
  db: DatabaseSync,
  onBatch?: (done: number, total: number) => boolean | void,
  limits: { pages?: number } = {},
): { converted: number; kept: number } {
  const total = pendingRawItems(db);
  let converted = 0;
  let kept = 0;
  for (let left = total; left > 0; ) {
    const batch = convertRawItemsBatch(db, limits);
    converted += batch.converted;
    kept += batch.kept;
    left = batch.left;
    if (onBatch?.(Math.max(0, total - left), total) === false) break;
  }
  return { converted, kept };
}
