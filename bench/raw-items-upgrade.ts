/**
 * npx node --disable-warning=ExperimentalWarning bench/raw-items-upgrade.ts [--pages 300] [--runs 3] [--only 'open,app open'] [FILE|FOLDER…]
 *
 * The first open of a library an older Broadsheet wrote at schema 10 (raw
 * items whole as JSON in pages.raw), a few hundred pages of it: the three LoC
 * scans of ../shared (their ALTO and METS beside them) imported through the
 * real path, or the files given, or the repo's fixtures, then put back in the
 * version-10 form (src-main/library/testing/schema-10-library.ts) and copied
 * to --pages pages. Each run opens a fresh copy of it:
 *
 *   baseline open   migration 11 as db6f009 had it: every page converted at open, in one transaction
 *   baseline migrations  the migrations alone (the backup already taken), on the thread that opens the library,
 *                   with migration 12 as it shipped first (it listed the pages to convert itself, reading every page's row)
 *   migrations      the same with this build's migrations (migration 12 reads no page: the conversion lists them);
 *                   `listed`: pages on the list when they end
 *   open            this build's LibraryStore constructor (the CLI's): VACUUM INTO copy, the schema steps, the pages only listed
 *   of it backup    the VACUUM INTO copy both opens took before migrating (it stays), alone
 *   of it online backup  the app's copy alone (SQLite's online backup, checked and flushed on a worker), against it
 *   app open        LibraryStore.open (the app's): the same, the copy by SQLite's online backup on the thread pool
 *                   (library-backup.ts): wall, CPU of every thread, CPU of the main thread, its longest stall, and
 *                   how many progress reports it made; `idle stall max`: the same thread's longest stall right after,
 *                   with nothing to do, for as long: what the machine's load alone costs
 *   background pass the app's pass (raw-items-upgrade-pass.ts) on its worker, after that open: wall, CPU of
 *                   every thread, CPU of the main thread, and the main thread's longest stall (event loop delay)
 *   upgrade         `broadsheet upgrade`'s synchronous loop; `lock` is the longest a batch held the write lock
 *                   (what an import writing a page waits for at most)
 *
 * Medians of the runs; wall beside CPU, and the load average, since the machine is shared. --only: those rows alone
 * (the backups' rows take a minute, the conversions' ten on a loaded machine).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importPaths } from '../src-main/library/import-paths.ts';
import { BUSY_TIMEOUT_MS, LibraryStore } from '../src-main/library/library-store.ts';
import { enableWal } from '../src-main/library/enable-wal.ts';
import { takeBackup } from '../src-main/library/library-backup.ts';
import { migrate, MIGRATIONS, type Migration } from '../src-main/library/migrations.ts';
import { dataVersion } from '../src-main/library/library-backup.ts';
import { createProcessor } from '../src-main/library/processor.ts';
import { splitRawPage } from '../src-main/library/raw-items-codec.ts';
import { RawItemsUpgradePass } from '../src-main/library/raw-items-upgrade-pass.ts';
import { convertRawItemsBatch, pendingRawItems } from '../src-main/library/raw-items-upgrade.ts';
import { backToSchema10, cloneDocuments } from '../src-main/library/testing/schema-10-library.ts';

const { values, positionals } = parseArgs({ options: { pages: { type: 'string', default: '300' }, runs: { type: 'string', default: '3' }, only: { type: 'string' } }, allowPositionals: true });
const LOC = join(import.meta.dirname, '..', '..', 'shared', 'pdfs', 'loc');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pdf');
const inputs = positionals.length ? positionals : existsSync(LOC) ? [LOC] : readdirSync(FIXTURES).filter((f) => f.endsWith('.pdf') && f !== 'encrypted.pdf').map((f) => join(FIXTURES, f));

/** Migration 11 as db6f009 shipped it (the baseline): the column, then every page converted in the same transaction. */
const OLD_11: Migration = {
  version: 11,
  name: 'raw items as a BLOB, every page converted at open (db6f009)',
  up: (db) => {
    const have = new Set((db.prepare('PRAGMA table_info(pages)').all() as Array<{ name: string }>).map((c) => c.name));
    if (!have.has('raw_items')) db.exec('ALTER TABLE pages ADD COLUMN raw_items BLOB');
    const keys = db.prepare('SELECT rowid AS id FROM pages WHERE raw_items IS NULL ORDER BY rowid').all() as Array<{ id: number }>;
    const read = db.prepare('SELECT raw FROM pages WHERE rowid = ?');
    const write = db.prepare('UPDATE pages SET raw = ?, raw_items = ? WHERE rowid = ?');
    for (const { id } of keys) {
      const { raw } = read.get(id) as { raw: string | Uint8Array };
      let page: { items?: unknown };
      try {
        page = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as { items?: unknown };
      } catch {
        continue;
      }
      if (!page || !Array.isArray(page.items)) continue;
      const stored = splitRawPage(page as Parameters<typeof splitRawPage>[0]);
      write.run(stored.json, stored.items, id);
    }
  },
};
const OLD_MIGRATIONS = [...MIGRATIONS.filter((m) => m.version < 11), OLD_11];

/** Migration 12 as it was before the conversion listed the pages itself: every page's row read at open. */
const OLD_12: Migration = {
  version: 12,
  name: 'the pages to convert listed at open',
  up: (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS raw_items_pending (doc_id TEXT NOT NULL, number INTEGER NOT NULL, PRIMARY KEY (doc_id, number)) WITHOUT ROWID;
      INSERT OR IGNORE INTO raw_items_pending (doc_id, number) SELECT doc_id, number FROM pages WHERE raw_items IS NULL;
    `),
};
const LISTING_AT_OPEN = MIGRATIONS.map((m) => (m.version === 12 ? OLD_12 : m));

const root = mkdtempSync(join(tmpdir(), 'broadsheet-raw-upgrade-bench-'));
const template = join(root, 'template');
{
  const store = new LibraryStore(template);
  const processor = createProcessor();
  try {
    const results = await importPaths(store, processor, inputs);
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length) throw new Error(failed.map((r) => r.error).join('\n'));
  } finally {
    await processor.close();
    store.close();
  }
  backToSchema10(template);
  const db = new DatabaseSync(join(template, 'library.sqlite'));
  const { n, chars } = db.prepare('SELECT count(*) AS n, sum(length(raw)) AS chars FROM pages').get() as { n: number; chars: number };
  db.close();
  cloneDocuments(template, Math.max(0, Math.ceil(Number(values.pages) / n) - 1));
  const db2 = new DatabaseSync(join(template, 'library.sqlite'));
  const total = (db2.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
  db2.close();
  console.log(`schema-10 library: ${total} pages (${n} imported from ${inputs.length} input(s), copied), raw JSON ${(chars / n / 1e6).toFixed(2)} MB a page`);
}

let copies = 0;
function fresh(): string {
  const dir = join(root, `run-${++copies}`);
  cpSync(template, dir, { recursive: true });
  return dir;
}
function timed<T>(fn: () => T): { out: T; wall: number; cpu: number } {
  const cpu = process.threadCpuUsage();
  const t = performance.now();
  const out = fn();
  const wall = performance.now() - t;
  const c = process.threadCpuUsage(cpu);
  return { out, wall, cpu: (c.user + c.system) / 1000 };
}

type Row = Record<string, number>;
const rows: Record<string, Row[]> = { 'baseline open': [], 'baseline migrations': [], migrations: [], open: [], 'of it backup': [], 'of it online backup': [], 'app open': [], 'background pass': [], upgrade: [] };
const load0 = loadavg()[0];
/** The app's pass, right after an open: the main thread's longest stall meanwhile, and its CPU beside every thread's. */
async function backgroundPass(store: LibraryStore): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const main = process.threadCpuUsage();
  const all = process.cpuUsage();
  const t = performance.now();
  const pass = new RawItemsUpgradePass(store);
  await pass.run();
  delay.disable();
  const wall = performance.now() - t;
  const m = process.threadCpuUsage(main);
  const a = process.cpuUsage(all);
  if (pendingRawItems(store.db) !== 0) throw new Error('the pass left pages unconverted');
  // The same thread's longest stall with nothing to do, as long: what the machine's load alone costs.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((done) => setTimeout(done, Math.min(wall, 5000)));
  idle.disable();
  rows['background pass'].push({ wall, 'cpu all threads': (a.user + a.system) / 1000, 'main cpu': (m.user + m.system) / 1000, 'main stall max': delay.max / 1e6, 'idle stall max': idle.max / 1e6, batches: pass.batches });
  await pass.close();
}

const only = values.only ? new Set(values.only.split(',').map((n) => n.trim())) : null;
const wanted = (row: string) => !only || only.has(row);
for (let run = 0; run < Number(values.runs); run++) {
  if (wanted('baseline open')) {
    const dir = fresh();
    const r = timed(() => {
      const db = new DatabaseSync(join(dir, 'library.sqlite'), { timeout: BUSY_TIMEOUT_MS });
      enableWal(db, BUSY_TIMEOUT_MS);
      migrate(db, join(dir, 'library.sqlite'), OLD_MIGRATIONS);
      return db;
    });
    r.out.close();
    rows['baseline open'].push({ wall: r.wall, cpu: r.cpu });
    rmSync(dir, { recursive: true, force: true });
  }
  // The two alternate which goes first, run after run.
  const migrationRows = [['baseline migrations', LISTING_AT_OPEN], ['migrations', MIGRATIONS]] as const;
  for (const [row, migrations] of run % 2 ? [...migrationRows].reverse() : migrationRows) {
    if (!wanted(row)) continue;
    const dir = fresh();
    const file = join(dir, 'library.sqlite');
    const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
    enableWal(db, BUSY_TIMEOUT_MS);
    // As LibraryStore.open runs them: its backup taken (not timed here).
    const r = timed(() => migrate(db, file, migrations, undefined, { path: `${file}.bak-bench`, dataVersion: dataVersion(db) }));
    const listed = (db.prepare('SELECT count(*) AS n FROM raw_items_pending').get() as { n: number }).n;
    db.close();
    rows[row].push({ wall: r.wall, cpu: r.cpu, listed });
    rmSync(dir, { recursive: true, force: true });
  }
  if (wanted('of it backup')) {
    // The VACUUM INTO backup both opens take first (it stays): how much of either it is.
    const dir = fresh();
    const db = new DatabaseSync(join(dir, 'library.sqlite'));
    const r = timed(() => db.prepare('VACUUM INTO ?').run(join(dir, 'backup.sqlite')));
    db.close();
    rows['of it backup'].push({ wall: r.wall, cpu: r.cpu });
    rmSync(dir, { recursive: true, force: true });
  }
  if (wanted('of it online backup')) {
    // The app's copy alone (library-backup.ts): what of the main thread it takes, against VACUUM INTO's above.
    const dir = fresh();
    const db = new DatabaseSync(join(dir, 'library.sqlite'));
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const main = process.threadCpuUsage();
    const all = process.cpuUsage();
    const t = performance.now();
    await takeBackup(db, join(dir, 'backup.sqlite'), 10);
    const wall = performance.now() - t;
    delay.disable();
    const m = process.threadCpuUsage(main);
    const a = process.cpuUsage(all);
    db.close();
    rows['of it online backup'].push({ wall, 'cpu all threads': (a.user + a.system) / 1000, 'main cpu': (m.user + m.system) / 1000, 'main stall max': delay.max / 1e6 });
    rmSync(dir, { recursive: true, force: true });
  }
  if (wanted('app open')) {
    // The app's open: the main thread's CPU and longest stall beside every thread's CPU and the wall time.
    const dir = fresh();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const main = process.threadCpuUsage();
    const all = process.cpuUsage();
    const t = performance.now();
    let reports = 0;
    const store = await LibraryStore.open(dir, { onBackup: () => void reports++ });
    const wall = performance.now() - t;
    delay.disable();
    const m = process.threadCpuUsage(main);
    const a = process.cpuUsage(all);
    if (!store.migrated) throw new Error('the app open took no backup');
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((done) => setTimeout(done, Math.min(wall, 5000)));
    idle.disable();
    rows['app open'].push({ wall, 'cpu all threads': (a.user + a.system) / 1000, 'main cpu': (m.user + m.system) / 1000, 'main stall max': delay.max / 1e6, 'idle stall max': idle.max / 1e6, reports });
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (wanted('open') || wanted('background pass')) {
    const dir = fresh();
    const r = timed(() => new LibraryStore(dir));
    const store = r.out;
    if (wanted('open')) rows.open.push({ wall: r.wall, cpu: r.cpu, pending: pendingRawItems(store.db) });
    if (wanted('background pass')) await backgroundPass(store);
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (wanted('upgrade')) {
    const dir = fresh();
    const store = new LibraryStore(dir);
    let lock = 0;
    const r = timed(() => {
      while (pendingRawItems(store.db) > 0) {
        let t = 0;
        convertRawItemsBatch(store.db, { beforeWrite: () => void (t = performance.now()) });
        lock = Math.max(lock, performance.now() - t);
      }
    });
    rows.upgrade.push({ wall: r.wall, cpu: r.cpu, lock });
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
rmSync(root, { recursive: true, force: true });

const COUNTS = new Set(['pending', 'batches', 'reports', 'listed']);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, rs] of Object.entries(rows)) {
  if (!rs.length) continue;
  const keys = Object.keys(rs[0]);
  console.log(`${name.padEnd(16)} ${keys.map((k) => `${k} ${median(rs.map((r) => r[k])).toFixed(COUNTS.has(k) ? 0 : 1)}${COUNTS.has(k) ? '' : ' ms'}`).join(', ')}`);
}
console.log(`(medians of ${values.runs} runs; CPU of this thread unless said; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)})`);
