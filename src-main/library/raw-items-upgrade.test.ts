import { DatabaseSync } from 'node:sqlite';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawPage } from '../../core/page-model.ts';
import { EventBus } from '../services/event-bus.ts';
import { importFiles } from './import-service.ts';
import { BUSY_TIMEOUT_MS, LibraryStore } from './library-store.ts';
import { createProcessor } from './processor.ts';
import { migratedNow } from './migration-notice.ts';
import { splitRawPage } from './raw-items-codec.ts';
import { RawItemsUpgradePass } from './raw-items-upgrade-pass.ts';
import { convertAllRawItems, convertRawItemsBatch, listAllRawItems, listRawItemsStep, pendingRawItems } from './raw-items-upgrade.ts';
import { backToSchema10, cloneDocuments, importForUpgrade, pageSnapshots } from './testing/schema-10-library.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');
const FILES = ['cjk-overprint.pdf', 'latin-columns.pdf', 'cjk-photos.pdf'].map((f) => join(FIXTURES, f));
/** Imported while the conversion runs. */
const NEW_FILE = join(FIXTURES, 'latin-typography.pdf');

/**
 * The conversion of pages stored before migration 11, after opening
 * (raw-items-upgrade.ts, raw-items-upgrade-pass.ts), on a version-10 library
 * made through the real import path, its documents copied to a few dozen
 * pages. Each test works on its own copy of that library.
 */
describe('converting pages stored at schema 10, after opening', () => {
  let root: string;
  let template: string;
  /** Every page as the API read it before the library went back to schema 10. */
  let before: Map<string, string>;
  let copies = 0;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'broadsheet-raw-upgrade-'));
    template = join(root, 'template');
    await importForUpgrade(template, FILES);
    backToSchema10(template);
    cloneDocuments(template, 9);
    // The copies read as the originals do: snapshots of them all, taken through the API before any conversion.
    const snap = copy();
    const s = new LibraryStore(snap);
    try {
      before = pageSnapshots(s);
    } finally {
      s.close();
    }
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function copy(): string {
    const dir = join(root, `copy-${++copies}`);
    cpSync(template, dir, { recursive: true });
    return dir;
  }

  function expectAllConverted(store: LibraryStore): void {
    expect(pendingRawItems(store.db)).toBe(0);
    expect(store.db.prepare('SELECT count(*) AS n FROM pages WHERE raw_items IS NULL').get()).toEqual({ n: 0 });
    const now = pageSnapshots(store);
    for (const [key, page] of before) expect(now.get(key), key).toBe(page);
  }

  it('opening counts every page as waiting and converts none of them; they read the same in the old form', () => {
    const store = new LibraryStore(copy());
    try {
      expect(before.size).toBeGreaterThanOrEqual(30);
      expect(pendingRawItems(store.db)).toBe(before.size);
      expect(store.migrated?.converting).toBe(before.size);
      expect(store.db.prepare('SELECT count(*) AS n FROM pages WHERE raw_items IS NOT NULL').get()).toEqual({ n: 0 });
      expect(migratedNow(store.migrated!, store.db).converting).toBe(before.size);
      // The snapshots were taken from such a library: the same every page.
      const now = pageSnapshots(store);
      expect(now.size).toBe(before.size);
      for (const [key, page] of before) expect(now.get(key), key).toBe(page);
    } finally {
      store.close();
    }
  });

  it('opening reads no page to list them: the conversion lists them a step at a time, each step its own transaction', () => {
    const store = new LibraryStore(copy());
    const listed = () => (store.db.prepare('SELECT count(*) AS n FROM raw_items_pending').get() as { n: number }).n;
    const keys = () => store.db.prepare('SELECT doc_id, number FROM raw_items_pending ORDER BY doc_id, number').all();
    try {
      // Migration 12 marked the whole library as not listed yet; every page counts as waiting all the same.
      expect(listed()).toBe(0);
      expect(store.db.prepare('SELECT after_doc, after_number FROM raw_items_unlisted').all()).toEqual([{ after_doc: '', after_number: -1 }]);
      expect(pendingRawItems(store.db)).toBe(before.size);
      // A page already in the new form (one imported since) is passed over, not listed.
      const [first, second] = store.db.prepare('SELECT doc_id, number FROM pages ORDER BY doc_id, number LIMIT 2').all() as Array<{ doc_id: string; number: number }>;
      const { raw } = store.db.prepare('SELECT raw FROM pages WHERE doc_id = ? AND number = ?').get(first.doc_id, first.number) as { raw: string };
      const stored = splitRawPage(JSON.parse(raw) as RawPage);
      store.db.prepare('UPDATE pages SET raw = ?, raw_items = ? WHERE doc_id = ? AND number = ?').run(stored.json as string, stored.items, first.doc_id, first.number);
      expect(listRawItemsStep(store.db, 16)).toBe(true);
      expect(listed()).toBe(15);
      expect(keys()[0]).toEqual({ doc_id: second.doc_id, number: second.number });
      expect(pendingRawItems(store.db)).toBe(before.size - 1);
      expect(store.db.isTransaction).toBe(false);
      // The rest, in steps; the last one finds fewer than it may take and ends the listing.
      while (listRawItemsStep(store.db, 16));
      expect(listed()).toBe(before.size - 1);
      expect(store.db.prepare('SELECT count(*) AS n FROM raw_items_unlisted').get()).toEqual({ n: 0 });
      expect(keys()).toEqual(store.db.prepare('SELECT doc_id, number FROM pages WHERE raw_items IS NULL ORDER BY doc_id, number').all());
      expect(listRawItemsStep(store.db)).toBe(false);
    } finally {
      store.close();
    }
  });

  it("the app's pass converts everything on its worker, in batches, telling the app how far it is", async () => {
    const store = new LibraryStore(copy());
    const events = new EventBus();
    const heard: Array<{ done: number; total: number }> = [];
    events.subscribe((event, payload) => event === 'library.upgrade' && heard.push(payload as { done: number; total: number }));
    const pass = new RawItemsUpgradePass(store, events, { batchPages: 8 });
    try {
      await pass.run();
      expect(pass.batches).toBe(Math.ceil(before.size / 8));
      // Before each batch, how far it is; then total 0: done.
      expect(heard.slice(0, -1)).toEqual(Array.from({ length: pass.batches }, (_, i) => ({ done: i * 8, total: before.size })));
      expect(heard.at(-1)).toEqual({ done: 0, total: 0 });
      expect(pass.status()).toBeNull();
      expectAllConverted(store);
      // What app.info says afterwards (the note under the top bar is drawn from it): nothing left waiting.
      expect(migratedNow(store.migrated!, store.db)).toEqual({ from: 10, to: store.migrated!.to, backup: store.migrated!.backup });
    } finally {
      await pass.close();
      store.close();
    }
    // Nothing left: a later start starts no worker and says nothing.
    const again = new LibraryStore(store.dir);
    const quiet = new RawItemsUpgradePass(again, events);
    try {
      heard.length = 0;
      await quiet.run();
      expect([quiet.batches, heard]).toEqual([0, []]);
    } finally {
      again.close();
    }
  });

  it('stopped after a few transactions, it goes on where it stopped at the next start, and every page ends the same', async () => {
    const dir = copy();
    let store = new LibraryStore(dir);
    let batches = 0;
    try {
      // A quit after the third transaction, as the app's close does between batches.
      convertAllRawItems(store.db, () => ++batches < 3, { pages: 4 });
      expect(batches).toBe(3);
      expect(pendingRawItems(store.db)).toBe(before.size - 12);
      expect(store.db.prepare('SELECT count(*) AS n FROM pages WHERE raw_items IS NOT NULL').get()).toEqual({ n: 12 });
    } finally {
      store.close();
    }
    // A fourth cut short at its third page's write (as a crash would be): none of its pages lands, none leaves the list.
    const db = new DatabaseSync(join(dir, 'library.sqlite'));
    const [, , third] = db.prepare('SELECT doc_id, number FROM raw_items_pending ORDER BY doc_id, number LIMIT 3').all() as Array<{ doc_id: string; number: number }>;
    db.exec(`CREATE TEMP TRIGGER cut BEFORE UPDATE ON main.pages WHEN NEW.doc_id = '${third.doc_id}' AND NEW.number = ${third.number} BEGIN SELECT RAISE(ABORT, 'cut short'); END`);
    expect(() => convertRawItemsBatch(db, { pages: 4 })).toThrow('cut short');
    expect(db.isTransaction).toBe(false);
    db.close();
    store = new LibraryStore(dir);
    try {
      expect(store.migrated).toBeNull();
      expect(pendingRawItems(store.db)).toBe(before.size - 12);
      // The app's pass, stopped after its second batch by the app's close.
      const pass = new RawItemsUpgradePass(store, undefined, { batchPages: 3 });
      const running = pass.run();
      while (pass.batches < 2) await new Promise((r) => setTimeout(r, 1));
      await pass.close();
      await running;
      const left = pendingRawItems(store.db);
      expect(left).toBeLessThanOrEqual(before.size - 12 - 6);
      expect(left).toBeGreaterThan(0);
    } finally {
      store.close();
    }
    store = new LibraryStore(dir);
    const pass = new RawItemsUpgradePass(store);
    try {
      await pass.run();
      expectAllConverted(store);
    } finally {
      await pass.close();
      store.close();
    }
  });

  it('an import during the conversion is not disturbed, and stores what it stores in a library with nothing to convert', async () => {
    // The reference: the same file imported into a new library.
    const reference = await importForUpgrade(join(root, 'reference'), [NEW_FILE]);
    const dir = copy();
    const store = new LibraryStore(dir);
    const other = new DatabaseSync(join(dir, 'library.sqlite'), { timeout: BUSY_TIMEOUT_MS });
    const processor = createProcessor();
    let batches = 0;
    try {
      // A batch of conversion on another connection after every page the import stores.
      const results = await importFiles(
        store,
        processor,
        [{ name: basename(NEW_FILE), bytes: readFileSync(NEW_FILE) }],
        (p) => {
          if (p.page !== undefined && pendingRawItems(other) > 0) {
            convertRawItemsBatch(other, { pages: 2 });
            batches++;
          }
        },
        0,
      );
      expect(results.map((r) => r.status)).toEqual(['imported']);
      expect(batches).toBeGreaterThan(0);
      expect(pendingRawItems(store.db)).toBeGreaterThan(0);
      convertAllRawItems(other);
      const now = pageSnapshots(store);
      for (const [key, page] of reference.pages) expect(now.get(key), key).toBe(page);
      expect(now.size).toBe(before.size + reference.pages.size);
      expectAllConverted(store);
    } finally {
      await processor.close();
      other.close();
      store.close();
    }
  });

  it('a page rewritten between its read and its write is left as the writer left it', () => {
    const store = new LibraryStore(copy());
    try {
      listAllRawItems(store.db);
      const [first] = store.db.prepare('SELECT doc_id, number FROM raw_items_pending ORDER BY doc_id, number LIMIT 1').all() as Array<{ doc_id: string; number: number }>;
      const model = store.page(first.doc_id, first.number)!;
      const rewritten = JSON.stringify({ number: model.number, width: model.width + 1, height: model.height, items: model.items.slice(0, 1), images: [] });
      const batch = convertRawItemsBatch(store.db, {
        pages: 2,
        beforeWrite: () => void store.db.prepare('UPDATE pages SET raw = ? WHERE doc_id = ? AND number = ?').run(rewritten, first.doc_id, first.number),
      });
      expect(batch).toEqual({ converted: 1, kept: 1, left: before.size - 2 });
      expect(store.db.prepare('SELECT raw, raw_items FROM pages WHERE doc_id = ? AND number = ?').get(first.doc_id, first.number)).toEqual({ raw: rewritten, raw_items: null });
    } finally {
      store.close();
    }
  });
});
