import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractPages } from '../src-main/extract/extract-pdf.ts';
import { createExtractPool } from '../src-main/extract/extract-pool.ts';

/**
 * Extraction throughput against poppler's pdftotext on the same files, same
 * run, plus peak RSS of a large generated file through the worker pool.
 *
 *   node bench/extract-only.ts [--pages 200] [--repeat 2] [--json] [--pool-only]
 * --pool-only skips the per-file table so the RSS figures are the pool's alone.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { pages: { type: 'string' }, repeat: { type: 'string' }, json: { type: 'boolean' }, 'pool-only': { type: 'boolean' } } });
const bigPages = Number(values.pages ?? 200);
const repeat = Number(values.repeat ?? 2);

function files(): string[] {
  const out: string[] = [];
  const loc = path.join(path.resolve(repoRoot, '../shared'), 'pdfs/loc');
  if (existsSync(loc)) out.push(...readdirSync(loc).filter((f) => f.endsWith('.pdf')).map((f) => path.join(loc, f)));
  else console.log(`(LoC pages absent: ${loc})`);
  for (const f of ['cjk-overprint.pdf', 'cjk-scanned.pdf', 'latin-columns.pdf']) out.push(path.join(repoRoot, 'fixtures/pdf', f));
  const multi = path.join(repoRoot, '.cache/fixtures/cjk-multipage.pdf');
  if (existsSync(multi)) out.push(multi);
  return out;
}

async function ours(file: string, skipImages: boolean): Promise<{ ms: number; pages: number; chars: number }> {
  const data = new Uint8Array(readFileSync(file));
  const t = performance.now();
  let pages = 0, chars = 0;
  for await (const p of extractPages(data, { skipImages })) {
    pages++;
    for (const it of p.items) chars += it.str.length;
  }
  return { ms: performance.now() - t, pages, chars };
}

function poppler(file: string): { ms: number; chars: number } {
  const t = performance.now();
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 28 }).toString('utf8');
  return { ms: performance.now() - t, chars: out.replace(/\s/g, '').length };
}

const best = <T extends { ms: number }>(runs: T[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));

const rows: Array<Record<string, string | number>> = [];
for (const file of values['pool-only'] ? [] : files()) {
  const a: Array<Awaited<ReturnType<typeof ours>>> = [], s: typeof a = [], p: Array<ReturnType<typeof poppler>> = [];
  for (let i = 0; i < repeat; i++) {
    a.push(await ours(file, false));
    s.push(await ours(file, true));
    p.push(poppler(file));
  }
  const A = best(a), S = best(s), P = best(p);
  rows.push({
    file: path.basename(file),
    pages: A.pages,
    'MB': +(statSync(file).size / 1e6).toFixed(2),
    'pdfjs ms': Math.round(A.ms),
    'pages/s': +((A.pages / A.ms) * 1000).toFixed(1),
    'kchars/s': Math.round(A.chars / A.ms),
    'no-img ms': Math.round(S.ms),
    'pdftotext ms': Math.round(P.ms),
    'pdftotext pages/s': +((A.pages / P.ms) * 1000).toFixed(1),
    'chars (ours/poppler, no ws)': `${A.chars}/${P.chars}`,
  });
}
if (rows.length) console.table(rows);

// Large file through the pool: generated once into .cache by a separate process so its memory does not count.
const big = path.join(repoRoot, `.cache/fixtures/cjk-bench-${bigPages}.pdf`);
if (!existsSync(big)) {
  console.log(`generating ${path.relative(repoRoot, big)} …`);
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/fixtures/generate.ts'), '--pages', String(bigPages)], { stdio: 'inherit' });
}
const rssBefore = process.memoryUsage().rss;
let rssPeakSampled = rssBefore;
const sampler = setInterval(() => (rssPeakSampled = Math.max(rssPeakSampled, process.memoryUsage().rss)), 50);
const pool = createExtractPool();
const t0 = performance.now();
let pages = 0, chars = 0;
const { pageCount } = await pool.extract(readFileSync(big), (p) => {
  pages++;
  for (const it of p.items) chars += it.str.length;
});
const ms = performance.now() - t0;
clearInterval(sampler);
await pool.close();
const pBig = poppler(big);
const result = {
  file: path.basename(big),
  MB: +(statSync(big).size / 1e6).toFixed(1),
  pageCount,
  'pool ms': Math.round(ms),
  'pages/s': +((pages / ms) * 1000).toFixed(1),
  'kchars/s': Math.round(chars / ms),
  'pdftotext ms': Math.round(pBig.ms),
  'rss before MB': Math.round(rssBefore / 1e6),
  'rss peak sampled MB': Math.round(rssPeakSampled / 1e6),
  'maxRSS (process, incl. workers) MB': Math.round(process.resourceUsage().maxRSS / 1e3),
};
console.table([result]);
if (values.json) console.log(JSON.stringify({ files: rows, big: result }));
