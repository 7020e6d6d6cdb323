/**
 * npm run bench:search -- --pages 1000|10000
 *
 * Generates Chinese newspaper pages (bench/search-corpus.ts) straight into a
 * fresh library, indexing each 8-page issue as the app does after an import,
 * then measures in separate processes, over the same text and the same queries:
 *   - Broadsheet's index (search.sqlite: FTS5 over pre-tokenized CJK pairs + MiniSearch ranking)
 *   - a plain substring scan over every block's text held in memory
 *   - a plain SQLite FTS5 table with the trigram tokenizer
 * Each prints time to ready, p50/p95 per query class (2-character words,
 * 3–8-character phrases, Latin words) and RSS. Then: adding one 8-page issue
 * to the library, and the CLI's wall-clock time including start-up.
 * Last, a Han query that finds nothing as typed: what counting the blocks its
 * other written form finds ("found in N blocks: add --variants") costs in a
 * fresh process, as the CLI pays it: the old way (a whole second search,
 * OpenCC's converters built whole) and the new (a count, through converters
 * built from the entries the query can match; none when no character has
 * another form).
 *
 * Goals at 10,000 pages: import incl. indexing ≥ 1 M chars/s; p95 ≤ 50 ms;
 * search RSS ≤ 500 MB; ready ≤ 1 s; one more 8-page issue ≤ 2 s; CLI < 1 s.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { LibraryStore, sha256 } from '../src-main/library/library-store.ts';
import { SearchService } from '../src-main/search/search-service.ts';
import { holdPageText } from '../src-main/search/stored-page-texts.ts';
import { fold } from '../core/search/fold.ts';
import { createPrng } from '../scripts/fixtures/prng.ts';
import { drawWord, generatePage, LATIN_WORDS, loadVocabulary } from './search-corpus.ts';
import { cpuMs, loadAverage, median } from './support/stats.ts';
import { chineseVariants, hasNoOtherForm } from '../src-main/search/chinese-variants.ts';

const ROOT = join(import.meta.dirname, '..');
const FREQ = join(ROOT, '..', 'shared', 'bench', 'zh-word-freq.txt');
const PAGES_PER_ISSUE = 8;
const CJK = /^\p{Script=Han}+$/u;

type Classes = Record<'2-char words' | '3–8-char phrases' | 'Latin words', string[]>;

interface ChildReport {
  readyMs: number;
  rssMB: number;
  heapMB: number;
  /** Wall-clock (what a user waits) and this process's CPU time (what the machine's other load cannot inflate). */
  classes: Record<string, { p50: number; p95: number; cpuP50: number; cpuP95: number; n: number; note?: string }>;
}

const args = parseArgs({ options: { pages: { type: 'string', default: '1000' }, child: { type: 'string' }, dir: { type: 'string' }, q: { type: 'string' } } });

if (args.values.child === 'variant-count-old' || args.values.child === 'variant-count-new') {
  process.stdout.write(JSON.stringify(runVariantCount(args.values.child, args.values.dir!, args.values.q!)) + '\n');
} else if (args.values.child) {
  process.stdout.write(JSON.stringify(runChild(args.values.child, args.values.dir!)) + '\n');
} else await main();

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 100) / 100 : NaN;
}

/** CPU seconds used by finished child processes (Linux /proc), for the CLI's start-up cost without the machine's load. */
function childCpuSeconds(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

/** A SQLite file's bytes on disk, its write-ahead log included. */
function dbSize(path: string): number {
  let n = statSync(path).size;
  try {
    n += statSync(path + '-wal').size;
  } catch {
    // no log
  }
  return n;
}

function mb(bytes: number): number {
  return Math.round(bytes / 1048576);
}

async function main(): Promise<void> {
  const pages = Number(args.values.pages);
  if (!Number.isInteger(pages) || pages < PAGES_PER_ISSUE) throw new Error('--pages must be a whole number ≥ 8');
  const vocab = loadVocabulary(FREQ);
  console.log(`bench:search, ${pages} generated Chinese pages; words from ${vocab.source}`);
  console.log(`machine load average at start: ${loadAverage()} on ${(await import('node:os')).availableParallelism()} cores (shared): CPU times are printed beside wall-clock times`);
  console.log('pages are generated as page models straight into the library (no PDF extraction or cleaning: bench:ingest measures those)');
  const dir = join(ROOT, '.cache', `search-bench-${pages}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  // ---- import: store every 8-page issue, then index it (what the app does on library.changed)
  const store = new LibraryStore(dir);
  const search = new SearchService(store);
  let chars = 0;
  let storeMs = 0;
  let indexMs = 0;
  let generateMs = 0;
  let generateCpuMs = 0;
  let peakRss = 0;
  const issues = Math.ceil(pages / PAGES_PER_ISSUE);
  /**
   * Stores one issue as an import does (import-service.ts: each page to the
   * library, its text held for the index), then indexes it: with `catchUp`
   * the way the app and the CLI do after an import (compare with the
   * library, index what is missing), else the document directly.
   * Generating each page is timed apart and left out: it stands in for
   * extraction and cleaning, which bench:ingest measures.
   */
  const importIssue = (issue: number, store: LibraryStore, search: SearchService, how: 'direct' | 'catchUp' = 'direct') => {
    const id = sha256(new TextEncoder().encode(`bench-issue-${issue}`));
    const n = issue < issues ? Math.min(PAGES_PER_ISSUE, pages - issue * PAGES_PER_ISSUE) : PAGES_PER_ISSUE;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let generating = 0;
    let generatingCpu = 0;
    const pending = store.begin(id, 'text', `issue-${issue}.pdf`, 0);
    // One page at a time, as an import receives them (all 8 generated first held 140 MB more).
    for (let k = 0; k < n; k++) {
      const g0 = performance.now();
      const gc0 = process.cpuUsage();
      const page = generatePage(vocab, issue * 100 + k + 1, k + 1);
      generating += performance.now() - g0;
      generatingCpu += cpuMs(gc0);
      chars += page.chars;
      pending.addPage(page.raw, page.cleaned);
      holdPageText(store, id, page.raw, page.cleaned);
    }
    generateMs += generating;
    generateCpuMs += generatingCpu;
    pending.commit({ newspaper: `Daily ${issue % 5}`, date: `19${20 + (issue % 60)}-01-01`, page: 1, edition: '', title: '' });
    const t1 = performance.now() - generating;
    if (how === 'catchUp') search.catchUpSync();
    else search.indexDocument(id);
    const t2 = performance.now() - generating;
    return { store: t1 - t0, index: t2 - t1, cpu: cpuMs(c0) - generatingCpu };
  };
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  for (let issue = 0; issue < issues; issue++) {
    const t = importIssue(issue, store, search);
    storeMs += t.store;
    indexMs += t.index;
    if (issue % 50 === 0) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      process.stderr.write(`\r  imported ${Math.min(pages, (issue + 1) * PAGES_PER_ISSUE)}/${pages} pages`);
    }
  }
  process.stderr.write('\n');
  const importMs = performance.now() - started - generateMs;
  const importCpuMs = cpuMs(cpu0) - generateCpuMs;
  const generated = { wall: generateMs, cpu: generateCpuMs };
  const indexBytes = dbSize(join(dir, 'search.sqlite'));
  const libraryBytes = dbSize(join(dir, 'library.sqlite'));
  search.close();
  store.close();

  // ---- queries, drawn once and shared by every engine
  const rand = createPrng(7);
  const twoChar: string[] = [];
  while (twoChar.length < 60) {
    const w = drawWord(vocab, rand());
    if (w.length === 2 && !twoChar.includes(w)) twoChar.push(w);
  }
  const phrases: string[] = [];
  while (phrases.length < 60) {
    const page = generatePage(vocab, Math.floor(rand() * issues) * 100 + 1 + Math.floor(rand() * 8), 1);
    const block = page.cleaned.blocks[1 + Math.floor(rand() * (page.cleaned.blocks.length - 1))];
    const len = 3 + Math.floor(rand() * 6);
    const at = Math.floor(rand() * Math.max(1, block.text.length - len));
    const s = block.text.slice(at, at + len);
    if (s.length === len && CJK.test(s)) phrases.push(s);
  }
  const latin = [...LATIN_WORDS, ...LATIN_WORDS.map((w) => w.toLowerCase()), 'Washingtn', 'Shangai', 'Olympics', 'Sing'];
  const classes: Classes = { '2-char words': twoChar, '3–8-char phrases': phrases, 'Latin words': latin };
  writeFileSync(join(dir, 'queries.json'), JSON.stringify(classes));

  // ---- baseline: a plain FTS5 trigram table over the same block texts
  const trigramPath = join(dir, 'trigram.sqlite');
  const tdb = new DatabaseSync(trigramPath);
  tdb.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram')");
  const sdb = new DatabaseSync(join(dir, 'search.sqlite'), { readOnly: true });
  const t3 = performance.now();
  tdb.exec('BEGIN');
  const ins = tdb.prepare('INSERT INTO t (rowid, text) VALUES (?, ?)');
  for (const row of sdb.prepare("SELECT rowid, text FROM blocks WHERE layer = 'cleaned'").iterate() as Iterable<{ rowid: number; text: string }>) ins.run(row.rowid, row.text);
  tdb.exec('COMMIT');
  const trigramMs = performance.now() - t3;
  sdb.close();
  tdb.close();
  const trigramBytes = dbSize(trigramPath);

  const child = (mode: string): ChildReport => {
    const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', import.meta.filename, '--child', mode, '--dir', dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildReport;
  };
  const reports = { broadsheet: child('broadsheet'), 'substring scan': child('substring'), 'FTS5 trigram': child('trigram') };

  // ---- one more 8-page issue into the full library, as the app would add it
  const store2 = new LibraryStore(dir);
  const search2 = new SearchService(store2);
  // The app's path: stored, then the index catches up with the library (comparing 10,000 documents' ids and page counts).
  const extra = importIssue(issues + 1, store2, search2, 'catchUp');
  const addMs = extra.store + extra.index;
  search2.close();
  store2.close();

  // ---- the CLI, start-up included; the baseline is a bare Node start (the same binary running nothing), in the same minute
  const cli: number[] = [];
  const cliCpu: number[] = [];
  const bare: number[] = [];
  const bareCpu: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const c = childCpuSeconds();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - t);
    bareCpu.push((childCpuSeconds() - c) * 1000);
  }
  for (const q of ['职工', twoChar[0], 'Washington']) {
    const t = performance.now();
    const c = childCpuSeconds();
    const r = spawnSync(join(ROOT, 'bin', 'broadsheet'), ['search', q, '--library', dir, '--json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
    cli.push(performance.now() - t);
    cliCpu.push((childCpuSeconds() - c) * 1000);
  }

  const mchars = (n: number, ms: number) => `${((n / ms) * 1000 / 1e6).toFixed(2)} M chars/s`;
  console.log(`\ncorpus: ${pages} pages, ${(chars / 1e6).toFixed(1)} M characters (cleaned), ${issues} issues of ${PAGES_PER_ISSUE} pages`);
  console.log(`generating the pages (not counted below): ${(generated.wall / 1000).toFixed(1)} s wall, ${(generated.cpu / 1000).toFixed(1)} s CPU`);
  console.log(`import incl. indexing: ${(importMs / 1000).toFixed(1)} s wall = ${mchars(chars, importMs)}; ${(importCpuMs / 1000).toFixed(1)} s CPU = ${mchars(chars, importCpuMs)} per CPU-second  (wall: store ${(storeMs / 1000).toFixed(1)} s, index ${(indexMs / 1000).toFixed(1)} s = ${mchars(chars, indexMs)} for indexing alone; goal ≥ 1 M chars/s)`);
  console.log(`  peak RSS while importing ${mb(peakRss)} MB; library.sqlite ${mb(libraryBytes)} MB`);
  console.log(`index size on disk: search.sqlite ${mb(indexBytes)} MB (cleaned + raw layers, with block text); FTS5 trigram baseline ${mb(trigramBytes)} MB (cleaned only, built in ${(trigramMs / 1000).toFixed(1)} s = ${mchars(chars, trigramMs)})`);
  console.log(`adding one ${PAGES_PER_ISSUE}-page issue to the ${pages}-page library: ${addMs.toFixed(0)} ms wall, ${extra.cpu.toFixed(0)} ms CPU (store ${extra.store.toFixed(0)} ms, index ${extra.index.toFixed(0)} ms; goal ≤ 2000 ms)`);
  console.log(`CLI search incl. start-up: wall ${cli.map((x) => x.toFixed(0) + ' ms').join(', ')}; CPU ${cliCpu.map((x) => x.toFixed(0) + ' ms').join(', ')} (goal < 1000 ms wall); bare Node start: wall ${bare.map((x) => x.toFixed(0) + ' ms').join(', ')}; CPU ${bareCpu.map((x) => x.toFixed(0) + ' ms').join(', ')}`);
  console.log(`machine load average at end: ${loadAverage()}\n`);
  const names = Object.keys(classes);
  console.log(['engine'.padEnd(16), 'ready ms'.padStart(9), 'RSS MB'.padStart(7), 'heap MB'.padStart(8), ...names.map((n) => `${n} p50/p95 ms (cpu)`.padStart(40))].join(' '));
  for (const [engine, r] of Object.entries(reports)) {
    console.log(
      [
        engine.padEnd(16),
        String(Math.round(r.readyMs)).padStart(9),
        String(r.rssMB).padStart(7),
        String(r.heapMB).padStart(8),
        ...names.map((n) => {
          const c = r.classes[n];
          return `${c.p50} / ${c.p95} (${c.cpuP50} / ${c.cpuP95})${c.note ? ' ' + c.note : ''}`.padStart(40);
        }),
      ].join(' '),
    );
  }
  console.log('\ngoals: p95 ≤ 50 ms per class, RSS ≤ 500 MB, ready ≤ 1000 ms (broadsheet row)');

  // ---- a Han query with no hits as typed: the count of its other written form, in a fresh process each time
  // (as the CLI pays it: OpenCC's converters are built on first use), old and new alternated.
  const toTraditional = (w: string) => chineseVariants()(w)[1];
  const noHit = {
    // Traditional forms of words the (simplified) corpus holds: found only with --variants.
    'other form found': twoChar.map(toTraditional).find((w, i) => w !== twoChar[i])!,
    // Characters none of which has another form, in an order the corpus lacks: found in neither form.
    'no other form': [...phrases].map((p) => [...p].reverse().join('')).find((p) => hasNoOtherForm(p)) ?? '龘靐',
  };
  console.log('\nno hits as typed, counting the other written form (withVariants), a fresh process per query, old and new alternated 5 times:');
  for (const [label, q] of Object.entries(noHit)) {
    const runs: Record<string, Array<{ ms: number; cpu: number; total: number; withVariants: number }>> = { 'variant-count-old': [], 'variant-count-new': [] };
    for (let k = 0; k < 5; k++)
      for (const mode of Object.keys(runs)) {
        const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', import.meta.filename, '--child', mode, '--dir', dir, '--q', q], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
        runs[mode].push(JSON.parse(r.stdout.trim().split('\n').pop()!));
      }
    const [old, now] = Object.values(runs);
    if (old.some((r) => r.total !== 0)) throw new Error(`${q} has hits as typed`);
    if (now.some((r) => r.withVariants !== old[0].withVariants)) throw new Error(`${q}: old and new counts differ`);
    const line = (rs: typeof old) => `${median(rs.map((r) => r.ms)).toFixed(1)} ms wall, ${median(rs.map((r) => r.cpu)).toFixed(1)} ms CPU`;
    console.log(`  ${label} (${q}, withVariants ${old[0].withVariants}): old (second full search) ${line(old)}; new ${line(now)} (medians, query after opening)`);
  }
  console.log(`machine load average: ${loadAverage()}`);
}

/** chineseVariants as it was: OpenCC's converters built whole (the simplified→traditional one from its 400 KB phrase dictionary). */
function wholeConverters(): (text: string) => string[] {
  type Convert = (text: string) => string;
  const OpenCC = createRequire(import.meta.url)('opencc-js') as { Converter(o: { from: string; to: string }): Convert };
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
  const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  return (text) => [toSimplified(text), toTraditional(text)];
}

/** One no-hit query and the count of its other written form, timed from after the library opened: the old way or the new. */
function runVariantCount(mode: string, dir: string, q: string): { ms: number; cpu: number; total: number; withVariants: number } {
  const store = new LibraryStore(dir);
  const search = new SearchService(store);
  const t = performance.now();
  const c = process.cpuUsage();
  let total: number;
  let withVariants: number;
  if (mode === 'variant-count-new') {
    const r = search.query({ q, limit: 20 });
    total = r.total;
    withVariants = r.withVariants ?? 0;
  } else {
    // What search-service.ts did before: the query, then the whole search again with the variants, for its total,
    // through the whole OpenCC converters (built on first use).
    total = search.index.search(q, { limit: 20 }).total;
    withVariants = total === 0 ? search.index.search(q, { limit: 1, variants: wholeConverters() }).total : 0;
  }
  const out = { ms: performance.now() - t, cpu: cpuMs(c), total, withVariants };
  search.close();
  store.close();
  return out;
}

function runChild(mode: string, dir: string): ChildReport {
  const classes = JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')) as Classes;
  const t0 = performance.now();
  let run: (q: string, cls: string) => number;
  const notes: Record<string, string> = {};
  if (mode === 'broadsheet') {
    const store = new LibraryStore(dir);
    const search = new SearchService(store);
    const plan = search.plan();
    if (plan.missing.length) throw new Error('index behind the library');
    run = (q) => search.query({ q, limit: 20 }).tookMs;
  } else if (mode === 'substring') {
    const db = new DatabaseSync(join(dir, 'search.sqlite'), { readOnly: true });
    const texts = (db.prepare("SELECT text FROM blocks WHERE layer = 'cleaned'").all() as Array<{ text: string }>).map((r) => fold(r.text));
    db.close();
    run = (q) => {
      const t = performance.now();
      const needle = fold(q);
      let total = 0;
      const hits: number[] = [];
      for (let i = 0; i < texts.length; i++)
        if (texts[i].includes(needle)) {
          total++;
          if (hits.length < 20) hits.push(i);
        }
      return performance.now() - t + total * 0;
    };
  } else {
    const db = new DatabaseSync(join(dir, 'trigram.sqlite'), { readOnly: true });
    const count = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');
    const top = db.prepare('SELECT rowid FROM t WHERE t MATCH ? LIMIT 20');
    const likeCount = db.prepare('SELECT count(*) AS n FROM t WHERE text LIKE ?');
    const likeTop = db.prepare('SELECT rowid FROM t WHERE text LIKE ? LIMIT 20');
    run = (q, cls) => {
      const t = performance.now();
      if ([...q].length < 3) {
        // The trigram index cannot answer fewer than three characters: SQLite falls back to scanning every row.
        notes[cls] = 'full scan: < 3 chars';
        likeCount.get(`%${q}%`);
        likeTop.all(`%${q}%`);
      } else {
        count.get(`"${q}"`);
        top.all(`"${q}"`);
      }
      return performance.now() - t;
    };
  }
  // Ready = open and able to answer: the first query's time is part of it.
  const first = Object.values(classes)[0][0];
  run(first, '');
  const readyMs = performance.now() - t0;
  const out: ChildReport['classes'] = {};
  for (const [cls, qs] of Object.entries(classes)) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (const q of qs) {
      const c = process.cpuUsage();
      times.push(run(q, cls));
      cpu.push(cpuMs(c));
    }
    out[cls] = { p50: pct(times, 0.5), p95: pct(times, 0.95), cpuP50: pct(cpu, 0.5), cpuP95: pct(cpu, 0.95), n: qs.length, ...(notes[cls] ? { note: notes[cls] } : {}) };
  }
  const mem = process.memoryUsage();
  return { readyMs, rssMB: mb(mem.rss), heapMB: mb(mem.heapUsed), classes: out };
}
