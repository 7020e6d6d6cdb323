/**
 * npx node bench/library-watch.ts [--docs 10000] [--pages 4] [--library DIR]
 *
 * What the app's library watch (services/library-watch.ts) costs its main
 * thread each time another process (the CLI's import) commits: it says
 * which documents changed. Before: every document's row and pages signed
 * again (readDocumentStates, then changedDocuments over all of them). After:
 * only the rows added since the last look (DocumentStateTracker). Both run
 * in this process on the same library, alternately, after each of several
 * imports by a second connection; prints thread CPU and wall per change.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCleanedPage, benchRawPage } from './support/bench-page.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { DocumentStateTracker } from '../src-main/services/document-state-tracker.ts';
import { changedDocuments, readDocumentStates } from '../src-main/services/document-states.ts';
import { loadAverage, median, usageMs } from './support/stats.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '10000' }, pages: { type: 'string', default: '4' }, library: { type: 'string' }, changes: { type: 'string', default: '7' } } });
const N = Number(values.docs);
const PAGES = Number(values.pages);
const raw = benchRawPage;
const cleaned = benchCleanedPage;

let made = 0;
/** One document of PAGES pages, as an import stores it (its pages, then its row). */
function addDocument(store: LibraryStore): void {
  const bytes = new TextEncoder().encode(`bench document ${made++} ${process.pid} ${Date.now()}`);
  const id = store.storeOriginal(bytes);
  const pending = store.begin(id, 'text', `${String(made).padStart(5, '0')}.txt`, bytes.length);
  for (let n = 1; n <= PAGES; n++) pending.addPage({ ...raw, number: n }, cleaned);
  pending.commit({ newspaper: 'The Bench Star', date: '1880-01-01', page: 1, edition: '01', title: '' });
}

const dir = values.library ?? mkdtempSync(join(tmpdir(), 'broadsheet-watch-bench-'));
const app = new LibraryStore(dir);
if ((app.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n < N) {
  const t = performance.now();
  while ((app.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n < N) for (let i = 0; i < 500; i++) addDocument(app);
  console.log(`built ${N} documents of ${PAGES} pages in ${((performance.now() - t) / 1000).toFixed(1)} s`);
} else console.log(`reusing the library in ${dir}`);
const cli = new LibraryStore(dir);

const timed = <T>(f: () => T): { out: T; cpuMs: number; wallMs: number } => {
  const c = process.threadCpuUsage();
  const w = performance.now();
  const out = f();
  const d = process.threadCpuUsage(c);
  return { out, cpuMs: usageMs(d), wallMs: performance.now() - w };
};

const tracker = new DocumentStateTracker(app.db);
tracker.update();
let states = readDocumentStates(app.db);
const before: Array<{ cpuMs: number; wallMs: number }> = [];
const after: Array<{ cpuMs: number; wallMs: number }> = [];
for (let i = 0; i < Number(values.changes); i++) {
  addDocument(cli);
  // Alternately first, so neither always finds SQLite's cache warm.
  const runs = [
    () => {
      const r = timed(() => {
        const next = readDocumentStates(app.db);
        const changed = changedDocuments(states, next);
        states = next;
        return changed;
      });
      before.push(r);
      return r.out;
    },
    () => {
      const r = timed(() => tracker.update()!);
      after.push(r);
      return r.out;
    },
  ];
  const [x, y] = i % 2 ? [runs[1](), runs[0]()] : [runs[0](), runs[1]()];
  if (JSON.stringify(i % 2 ? y : x) !== JSON.stringify(i % 2 ? x : y)) throw new Error('the tracker and the whole read disagree');
}
const fmt = (rs: Array<{ cpuMs: number; wallMs: number }>) => `CPU ${median(rs.map((r) => r.cpuMs)).toFixed(2)} ms, wall ${median(rs.map((r) => r.wallMs)).toFixed(2)} ms (median of ${rs.length})`;
console.log(`library watch, per change by another process (one document of ${PAGES} pages added) at ${N} documents; load ${loadAverage()}`);
console.log(`  before (every document signed again): ${fmt(before)}`);
console.log(`  after  (rows added since the last look): ${fmt(after)}; whole reads after the first: ${tracker.fullReads - 1}`);
cli.close();
app.close();
if (!values.library) rmSync(dir, { recursive: true, force: true });
else if (!existsSync(dir)) throw new Error('library vanished');
