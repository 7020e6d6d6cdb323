/**
 * node bench/cli-import-first.ts [--runs 5] [--baseline REF | --no-baseline] [--flags "--v8-flag …"] [FILE…]
 *
 * What an archivist's script pays per file: `bin/broadsheet import FILE --library DIR` as a whole process
 * (node start, module loading, the extraction worker's start and pdf.js, the file itself, exit), each file
 * into a fresh library, against `pdftotext FILE` as a whole process. Default files: the real LoC scan
 * pages in ../shared/pdfs/loc. Wall and CPU (user + system of every thread, /usr/bin/time) per run;
 * medians. The baseline (default: `git merge-base HEAD main`, unpacked in .cache/bench-baseline/ as
 * bench:ingest does) runs alternately with this checkout, so both see the same load; the load average
 * is printed beside. Both run with the same compile cache folder, filled by a first untimed run each.
 * `--flags`: extra node/V8 flags for this checkout's runs only (to measure a flag before adopting it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { unpackBaseline } from './support/baseline-checkout.ts';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '..', 'shared', 'pdfs', 'loc');
const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, baseline: { type: 'string' }, 'no-baseline': { type: 'boolean' }, flags: { type: 'string' } },
  allowPositionals: true,
});
const RUNS = Number(values.runs);
const files = positionals.length ? positionals : existsSync(SHARED) ? readdirSync(SHARED).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(SHARED, f)) : [];
if (!files.length) {
  console.log(`skipped: no files given and ${SHARED} is absent`);
  process.exit(0);
}

function baselineDir(): string | null {
  if (values['no-baseline']) return null;
  const base = unpackBaseline(ROOT, values.baseline);
  if (!base) return null;
  console.log(`before: ${base.sha.slice(0, 12)} (${base.dir})`);
  return base.dir;
}
const BASE = baselineDir();
// One compile cache for both sides, as bin/broadsheet keeps it (keyed by each file's path and contents).
const ENV = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(ROOT, '.cache', 'bench-node-compile-cache') };

interface Run {
  ms: number;
  cpuMs: number;
}
/** A whole process under /usr/bin/time: wall (ours), user + system CPU (its). */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = ENV): Run {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { encoding: 'utf8', env });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-1500)}`);
  const [u, s] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (u + s) * 1000 };
}

function cliImport(root: string, file: string, flags: string[]): Run {
  const lib = mkdtempSync(join(tmpdir(), 'broadsheet-cli-bench-'));
  try {
    if (!flags.length) return timed(join(root, 'bin', 'broadsheet'), ['import', file, '--library', lib]);
    // bin/broadsheet's own environment, with the flags given: run node as it does.
    const env = { ...ENV, MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };
    return timed(join(root, 'node_modules', 'node', 'bin', 'node'), ['--disable-warning=ExperimentalWarning', ...flags, join(root, 'src-main', 'cli', 'main.ts'), 'import', file, '--library', lib], env);
  } finally {
    rmSync(lib, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const flags = values.flags ? values.flags.split(/\s+/).filter(Boolean) : [];
const load0 = loadavg()[0];
// Fill each side's compile cache first (an archivist's second run onwards finds it full).
cliImport(ROOT, files[0], flags);
if (BASE) cliImport(BASE, files[0], []);

const sums = { after: [0, 0], before: [0, 0], pdftotext: [0, 0] };
console.log(`\nfile: median of ${RUNS} runs, wall ms (CPU ms)${flags.length ? `; after runs with ${flags.join(' ')}` : ''}`);
for (const file of files) {
  const after: Run[] = [];
  const before: Run[] = [];
  const pdf: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    after.push(cliImport(ROOT, file, flags));
    if (BASE) before.push(cliImport(BASE, file, []));
    pdf.push(timed('pdftotext', ['-enc', 'UTF-8', file, '/dev/null']));
  }
  const m = (xs: Run[]) => [median(xs.map((r) => r.ms)), median(xs.map((r) => r.cpuMs))];
  const [a, b, p] = [m(after), BASE ? m(before) : [NaN, NaN], m(pdf)];
  for (const [k, v] of [['after', a], ['before', b], ['pdftotext', p]] as const) {
    sums[k][0] += v[0];
    sums[k][1] += v[1];
  }
  const f = (x: number[]) => `${x[0].toFixed(0)} (${x[1].toFixed(0)})`;
  console.log(`${basename(file)}: pdftotext ${f(p)}; before ${f(b)}; after ${f(a)}`);
}
const f = (x: number[]) => `${x[0].toFixed(0)} (${x[1].toFixed(0)}) ms`;
const x = (a: number, b: number) => (a / b).toFixed(1) + '×';
console.log(
  `total: pdftotext ${f(sums.pdftotext)}; before ${f(sums.before)} = ${x(sums.before[0], sums.pdftotext[0])} wall; after ${f(sums.after)} = ${x(sums.after[0], sums.pdftotext[0])} wall, ${x(sums.after[0], sums.before[0])} of before`,
);
console.log(`load average: ${load0.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end (2 cores, shared: read CPU beside wall)`);
