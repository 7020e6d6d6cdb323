/**
 * npm run bench:ingest — full ingest (extract with pdf.js in the worker pool,
 * clean, store in SQLite) against poppler's pdftotext on the same files in
 * the same run. Goals: ingest within 2× pdftotext's time; a 200-page PDF with
 * peak RSS under 600 MB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'pdfs', 'loc');
const BIG = join(ROOT, '.cache', 'fixtures', 'cjk-bench-200.pdf');
const NODE = process.execPath;

if (!existsSync(BIG)) {
  console.log('generating the 200-page benchmark PDF (once, cached in .cache/fixtures)…');
  spawnSync(NODE, [join(ROOT, 'scripts', 'fixtures', 'generate.ts'), '--pages', '200'], { stdio: 'inherit' });
}

const files = [
  ...['cjk-overprint.pdf', 'cjk-scanned.pdf', 'latin-columns.pdf'].map((f) => join(ROOT, 'fixtures', 'pdf', f)),
  ...(existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(SHARED, f)) : []),
  BIG,
].filter((f) => existsSync(f));
if (!existsSync(SHARED)) console.log(`note: ${SHARED} is absent; the real Library of Congress pages are skipped`);

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext';
if (!pdftotext) console.log('note: pdftotext (poppler-utils) is not installed; no baseline column');

function timePdftotext(file: string): number {
  const started = performance.now();
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 30 });
  if (r.status !== 0) return NaN;
  return performance.now() - started;
}

interface Row {
  file: string;
  pages: number;
  rawChars: number;
  ms: number;
  warmMs: number;
  peakRssMb: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const header = ['file', 'MB', 'pages', 'first ms', 'warm ms', 'pages/s (warm)', 'chars/s (warm)', 'peak RSS MB', 'pdftotext ms', 'first/pdftotext', 'warm/pdftotext'];
const table: string[][] = [];
let totalOurs = 0;
let totalBase = 0;
for (const file of files) {
  const runs: Row[] = [];
  const base: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(NODE, ['--disable-warning=ExperimentalWarning', join(ROOT, 'bench', 'ingest-one.ts'), file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ingest of ${file} failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as Row);
    if (pdftotext) base.push(timePdftotext(file));
  }
  const ms = median(runs.map((r) => r.ms));
  const warmMs = median(runs.map((r) => r.warmMs));
  const baseMs = pdftotext ? median(base) : NaN;
  const { pages, rawChars } = runs[0];
  totalOurs += warmMs;
  totalBase += baseMs;
  table.push([
    basename(file),
    (statSync(file).size / 1e6).toFixed(1),
    String(pages),
    ms.toFixed(0),
    warmMs.toFixed(0),
    (pages / (warmMs / 1000)).toFixed(1),
    Math.round(rawChars / (warmMs / 1000)).toLocaleString('en'),
    Math.max(...runs.map((r) => r.peakRssMb)).toFixed(0),
    Number.isNaN(baseMs) ? '–' : baseMs.toFixed(0),
    Number.isNaN(baseMs) ? '–' : (ms / baseMs).toFixed(1) + '×',
    Number.isNaN(baseMs) ? '–' : (warmMs / baseMs).toFixed(1) + '×',
  ]);
}

const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`\nfull ingest (extract + clean + store), median of ${RUNS} runs, each file in a fresh process`);
console.log('first ms: the first file of a process (workers start, pdf.js loads); warm ms: the same file again with the workers up, as in a batch.');
console.log('Neither counts Node\'s own start-up; pdftotext ms is its whole process, start-up included.');
console.log(line(header));
for (const row of table) console.log(line(row));
if (pdftotext) console.log(`\ntotal, warm: broadsheet ${totalOurs.toFixed(0)} ms, pdftotext ${totalBase.toFixed(0)} ms → ${(totalOurs / totalBase).toFixed(2)}× (goal ≤ 2×)`);
