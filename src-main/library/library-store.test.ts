import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CleanedPage, RawPage } from '../../core/page-model.ts';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { DuplicateDocumentError, LibraryStore, sha256 } from './library-store.ts';

const raw = (n: number): RawPage => ({ number: n, width: 100, height: 200, items: [], images: [] });
const cleaned: CleanedPage = { blocks: [], edits: [], photos: [] };
const meta = { newspaper: 'Evening Star', date: '1918-09-01', page: 1, edition: '', title: '' };

describe('LibraryStore', () => {
  let dir: string;
  let store: LibraryStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-store-'));
    store = new LibraryStore(dir);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores originals content-addressed, read-only, byte for byte', () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 original bytes');
    const id = store.storeOriginal(bytes);
    expect(id).toBe(sha256(bytes));
    const path = store.objectPath(id)!;
    expect(readFileSync(path)).toEqual(Buffer.from(bytes));
    expect(statSync(path).mode & 0o222).toBe(0);
    expect(store.storeOriginal(bytes)).toBe(id); // idempotent
  });

  it('shows a document only after commit, with fixity', () => {
    const id = 'a'.repeat(64);
    const pending = store.begin(id, 'pdf', 'p.pdf', 1234);
    pending.addPage(raw(1), cleaned);
    pending.addPage(raw(2), cleaned);
    expect(store.list()).toEqual([]);
    expect(store.page(id, 1)).toBeNull();
    const doc = pending.commit(meta);
    expect(doc).toMatchObject({ id, pageCount: 2, newspaper: 'Evening Star', kind: 'pdf' });
    expect(store.get(id)!.fixity).toMatchObject({ algorithm: 'sha-256', digest: id, size: 1234 });
    expect(store.page(id, 2)).toMatchObject({ number: 2, blocks: [] });
  });

  it('leaves nothing behind when an import aborts or the process dies mid-import', () => {
    const id = 'b'.repeat(64);
    const aborted = store.begin(id, 'pdf', 'p.pdf', 1);
    aborted.addPage(raw(1), cleaned);
    aborted.abort();
    expect(store.page(id, 1)).toBeNull();

    const killed = store.begin('c'.repeat(64), 'pdf', 'k.pdf', 1);
    killed.addPage(raw(1), cleaned);
    store.close();
    store = new LibraryStore(dir); // reopening sweeps orphan pages
    expect(store.list()).toEqual([]);
    const count = (store as unknown as { db: { prepare(s: string): { get(): { n: number } } } }).db.prepare('SELECT count(*) AS n FROM pages').get();
    expect(count.n).toBe(0);
  });

  it('refuses to begin a document twice and to commit an empty one', () => {
    const id = 'd'.repeat(64);
    expect(() => store.begin(id, 'pdf', 'p.pdf', 1).commit(meta)).toThrow('no pages');
    const p = store.begin(id, 'pdf', 'p.pdf', 1);
    p.addPage(raw(1), cleaned);
    p.commit(meta);
    expect(() => store.begin(id, 'pdf', 'p.pdf', 1)).toThrow('already exists');
  });

  it('sorts and filters by newspaper and date', () => {
    const add = (c: string, newspaper: string, date: string) => {
      const p = store.begin(c.repeat(64), 'pdf', `${c}.pdf`, 1);
      p.addPage(raw(1), cleaned);
      p.commit({ ...meta, newspaper, date });
    };
    add('1', 'Evening Star', '1918-09-01');
    add('2', 'Evening Star', '1859-02-21');
    add('3', '永康日报', '2021-01-15');
    expect(store.list({ sort: 'date' }).map((d) => d.date)).toEqual(['1859-02-21', '1918-09-01', '2021-01-15']);
    expect(store.list({ newspaper: 'Evening Star' })).toHaveLength(2);
    expect(store.list({ dateFrom: '1900', dateTo: '1918' }).map((d) => d.date)).toEqual(['1918-09-01']);
  });

  it('never resolves an object path outside the library', () => {
    expect(store.objectPath('../../etc/passwd')).toBeNull();
    const outside = join(dir, '..', `outside-${Date.now()}.txt`);
    writeFileSync(outside, 'secret');
    const id = 'e'.repeat(64);
    mkdirSync(join(dir, 'objects', 'ee'), { recursive: true });
    symlinkSync(outside, join(dir, 'objects', 'ee', id));
    expect(store.objectPath(id)).toBeNull();
    rmSync(outside);
  });

  it('keeps valid settings and defaults the rest', () => {
    expect(store.settings().zoom).toBe('fit-width');
    store.updateSettings({ zoom: 1.5, lastPage: 3 });
    expect(store.settings()).toMatchObject({ zoom: 1.5, lastPage: 3 });
  });

  it('keeps the language the archivist sets, empty (detect) by default', () => {
    const id = 'f'.repeat(64);
    const p = store.begin(id, 'text', 'dump.txt', 1);
    p.addPage(raw(1), cleaned);
    expect(p.commit(meta).language).toBe('');
    expect(store.updateMetadata(id, { language: 'zh-Hant' }).language).toBe('zh-Hant');
    expect(store.get(id)!.language).toBe('zh-Hant');
  });

  it('adds the language column to a library made before it existed', () => {
    store.close();
    const old = join(dir, 'old');
    mkdirSync(old);
    const db = new DatabaseSync(join(old, 'library.sqlite'));
    db.exec(`CREATE TABLE documents (id TEXT PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL, size INTEGER NOT NULL, imported_at TEXT NOT NULL,
      fixity_checked_at TEXT NOT NULL, page_count INTEGER NOT NULL, newspaper TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '', page INTEGER,
      edition TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '')`);
    db.prepare("INSERT INTO documents VALUES (?, 'pdf', 'a.pdf', 1, 't', 't', 1, 'Star', '', NULL, '', '')").run('1'.repeat(64));
    db.close();
    store = new LibraryStore(old);
    expect(store.get('1'.repeat(64))).toMatchObject({ newspaper: 'Star', language: '' });
  });

  it('a second process opening the library leaves a live import\'s pages alone: the document commits whole', () => {
    const id = '9'.repeat(64);
    const p = store.begin(id, 'pdf', 'p.pdf', 1);
    p.addPage(raw(1), cleaned);
    p.addPage(raw(2), cleaned);
    // A second process (the CLI) opening the library sweeps only what dead imports left.
    new LibraryStore(dir).close();
    p.commit(meta);
    expect(store.get(id)).toMatchObject({ pageCount: 2 });
  });
});

/** Another process holding an import open: see testing/hold-import.ts. */
function holdImport(dir: string, label: string, pages: number) {
  const child = spawn(NODE, ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, 'testing', 'hold-import.ts'), dir, label, String(pages)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve, reject) => (lines.once('line', resolve), child.once('exit', (c) => reject(new Error(`helper exited ${c}`)))));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, next, exited };
}

const NODE = join(import.meta.dirname, '..', '..', 'node_modules', 'node', 'bin', 'node');

describe('LibraryStore shared by several processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-shared-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stagedCount = (s: LibraryStore) =>
    (s as unknown as { db: { prepare(q: string): { get(): { n: number } } } }).db.prepare('SELECT count(*) AS n FROM pages WHERE doc_id NOT IN (SELECT id FROM documents)').get().n;

  it('opening the library never touches an import another live process is writing', async () => {
    const held = holdImport(dir, 'live', 30);
    const id = (await held.next()).split(' ')[1];
    // A second (and third) opener runs its cleanup while the import is in progress.
    const other = new LibraryStore(dir);
    expect(stagedCount(other)).toBe(30);
    expect(other.objectPath(id)).not.toBeNull();
    expect(other.importsInProgress()).toBe(1);
    other.close();
    new LibraryStore(dir).close();
    held.child.stdin!.write('commit\n');
    expect(await held.next()).toBe('committed');
    await held.exited;
    const after = new LibraryStore(dir);
    expect(after.get(id)).toMatchObject({ pageCount: 30 });
    expect(after.pageTallies()).toEqual([{ id, expected: 30, stored: 30, min: 1, max: 30 }]);
    expect(after.orphanOriginals()).toEqual([]);
    after.close();
  });

  it('clears what a killed import left: its pages, its original, its record', async () => {
    const held = holdImport(dir, 'killed', 5);
    const id = (await held.next()).split(' ')[1];
    held.child.kill('SIGKILL');
    await held.exited;
    const store = new LibraryStore(dir);
    expect(stagedCount(store)).toBe(0);
    expect(store.importsInProgress()).toBe(0);
    expect(store.objectIds()).not.toContain(id);
    expect(store.list()).toEqual([]);
    store.close();
  });

  it('a commit of bytes another process committed first reports a duplicate and keeps theirs', () => {
    const a = new LibraryStore(dir);
    const b = new LibraryStore(dir);
    const id = 'f'.repeat(64);
    const pa = a.begin(id, 'pdf', 'a.pdf', 1);
    const pb = b.begin(id, 'pdf', 'b.pdf', 1);
    pa.addPage(raw(1), cleaned);
    pb.addPage(raw(1), cleaned);
    pb.addPage(raw(2), cleaned);
    pb.commit(meta);
    expect(() => pa.commit(meta)).toThrow(DuplicateDocumentError);
    expect(a.get(id)).toMatchObject({ fileName: 'b.pdf', pageCount: 2 });
    expect(stagedCount(a)).toBe(0);
    a.close();
    b.close();
  });

  it('refuses to commit a document with a page missing', () => {
    const store = new LibraryStore(dir);
    const p = store.begin('9'.repeat(64), 'pdf', 'gap.pdf', 1);
    p.addPage(raw(1), cleaned);
    p.addPage(raw(3), cleaned);
    expect(() => p.commit(meta)).toThrow(/pages missing/);
    p.abort();
    expect(store.list()).toEqual([]);
    store.close();
  });

  it('removes documents, their pages and originals nothing else uses, in one call', () => {
    const store = new LibraryStore(dir);
    const bytes = new TextEncoder().encode('%PDF-1.4 remove me');
    const id = sha256(bytes);
    const p = store.begin(id, 'pdf', 'r.pdf', bytes.length);
    store.storeOriginal(bytes);
    p.addPage(raw(1), cleaned);
    p.commit(meta);
    const result = store.removeDocuments([id, '0'.repeat(64)]);
    expect(result).toEqual({ removed: [id], missing: ['0'.repeat(64)], originalsDeleted: 1 });
    expect(store.get(id)).toBeNull();
    expect(store.page(id, 1)).toBeNull();
    expect(store.objectIds()).toEqual([]);
    expect(store.pageTallies()).toEqual([]);
    store.close();
  });

  it('collects originals that belong to no document, sparing one an import is writing', () => {
    const store = new LibraryStore(dir);
    const stray = store.storeOriginal(new TextEncoder().encode('stray bytes'));
    const wantedBytes = new TextEncoder().encode('being imported');
    const wanted = sha256(wantedBytes);
    const p = store.begin(wanted, 'pdf', 'w.pdf', 1);
    store.storeOriginal(wantedBytes);
    // Opening (collectGarbage without allOrphans) keeps originals it cannot account for: only repair deletes them.
    expect(store.collectGarbage()).toMatchObject({ orphanOriginals: 0 });
    expect(store.orphanOriginals()).toEqual([stray]);
    expect(store.collectGarbage({ allOrphans: true })).toMatchObject({ orphanOriginals: 1 });
    expect(store.objectIds()).toEqual([wanted]);
    expect(stray).not.toBe(wanted);
    p.abort();
    store.close();
  });
});
