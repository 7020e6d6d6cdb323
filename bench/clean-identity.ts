/**
 * Output identity guard for speed work on cleaning (core/cleaning, core/layout):
 *   npx node bench/clean-identity.ts [--against DIR] [--write FILE] [--check FILE] [--refresh]
 *
 * Cleans every page we have — the fixture PDFs, the committed samples, a
 * generated 20-page CJK newspaper, the seed text dump, and the Library of
 * Congress scans from ../shared (with and without their ALTO; skipped with a
 * note where absent) — and prints a SHA-256 of each page's whole cleaned
 * output (blocks with text, rects and maps, edits, photos, layout).
 *
 * --against DIR   a copy of core/ from another commit (e.g. `git archive main core | tar -x -C .cache/base`,
 *                 then DIR=.cache/base/core): each page is cleaned by both on the same raw input and the
 *                 first difference is printed. Exit code 1 on any difference.
 * --write/--check a file of hashes, to compare across runs without keeping the old core around.
 *
 * Raw pages are extracted once and cached in .cache/clean-identity/ (JSON): extraction is not what is
 * guarded, and another branch changing it must not look like a cleaning change. --refresh re-extracts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CleanedPage, RawItem, RawPage } from '../core/page-model.ts';
import { textDumpToRawPage } from '../core/cleaning/text-page.ts';
import { GUTTER_OVERLAP_1859 } from '../core/layout/fixtures/gutter-overlap-1859.ts';
import { extractAll } from '../src-main/extract/extract-pdf.ts';
import { sharedDir } from '../test-support/shared-dir.ts';
import { generateNewspaperPdf } from '../scripts/fixtures/newspaper-pdf.ts';

const ROOT = join(import.meta.dirname, '..');
const CACHE = join(ROOT, '.cache', 'clean-identity');
const { values } = parseArgs({
  options: { against: { type: 'string' }, write: { type: 'string' }, check: { type: 'string' }, refresh: { type: 'boolean' } },
});

interface Core {
  cleanPage(page: RawPage): CleanedPage;
  cleanPageWithAlto(page: RawPage, alto: string | null): CleanedPage;
}
const load = async (dir: string): Promise<Core> => import(pathToFileURL(join(resolve(dir), 'cleaning/clean-page.ts')).href);
const ours = await load(join(ROOT, 'core'));
const theirs = values.against ? await load(values.against) : null;

/** One page to clean: raw input, and its ALTO when it is cleaned with one. */
interface Case {
  name: string;
  page: RawPage;
  alto: string | null;
}

async function cachedPages(name: string, make: () => Promise<RawPage[]>): Promise<RawPage[]> {
  const file = join(CACHE, `${name}.json`);
  if (!values.refresh && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const pages = await make();
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(file, JSON.stringify(pages));
  return pages;
}

const pdfPages = (file: string) => cachedPages(basename(file), async () => extractAll(new Uint8Array(readFileSync(file))));

const cases: Case[] = [];
const pdfs = readdirSync(join(ROOT, 'fixtures/pdf'))
  .filter((f) => f.endsWith('.pdf') && f !== 'encrypted.pdf')
  .sort()
  .map((f) => join(ROOT, 'fixtures/pdf', f));
pdfs.push(...readdirSync(join(ROOT, 'assets/sample')).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(ROOT, 'assets/sample', f)));
for (const file of pdfs) for (const page of await pdfPages(file)) cases.push({ name: `${basename(file)} p${page.number}`, page, alto: null });

// A longer generated CJK newspaper (what `npm run fixtures -- --multipage` writes), made here so nothing is overwritten.
for (const page of await cachedPages('cjk-multipage', async () => extractAll((await generateNewspaperPdf({ seed: 1, pages: 20 })).pdf)))
  cases.push({ name: `cjk-multipage p${page.number}`, page, alto: null });

const seed = join(sharedDir(ROOT), 'seed/000_c995828efad2e200.txt');
if (existsSync(seed)) cases.push({ name: 'seed text dump', page: textDumpToRawPage(readFileSync(seed, 'utf8')), alto: null });
else console.log(`note: ${seed} is absent; the seed text dump is skipped`);
cases.push({ name: 'seed excerpt', page: textDumpToRawPage(readFileSync(join(ROOT, 'core/cleaning/fixtures/seed-excerpt.txt'), 'utf8')), alto: null });

// The 1859 crop kept in the repository for the gutter tests, as a page of its own.
const crop: RawItem[] = GUTTER_OVERLAP_1859.map(([str, x0, top, x1, bottom, eol]) => ({
  str,
  font: 'f',
  size: bottom - top,
  transform: [bottom - top, 0, 0, bottom - top, x0, 1584 - bottom],
  rect: [x0, top, x1, bottom],
  eol: eol ?? false,
}));
cases.push({ name: 'gutter-overlap-1859 crop', page: { number: 1, width: 1224, height: 1584, items: crop, images: [] }, alto: null });

const loc = join(sharedDir(ROOT), 'pdfs/loc');
if (existsSync(loc)) {
  for (const f of readdirSync(loc).filter((n) => n.endsWith('.pdf')).sort()) {
    const [page] = await pdfPages(join(loc, f));
    cases.push({ name: f, page, alto: null });
    const alto = join(loc, f.replace(/\.pdf$/, '.alto.xml'));
    if (existsSync(alto)) cases.push({ name: `${f} +alto`, page, alto: readFileSync(alto, 'utf8') });
  }
} else console.log(`note: ${loc} is absent; the Library of Congress pages are skipped`);

function clean(core: Core, c: Case): string {
  return JSON.stringify(c.alto ? core.cleanPageWithAlto(c.page, c.alto) : core.cleanPage(c.page));
}
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Where two outputs first part, with some context. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at char ${i}: ours …${a.slice(Math.max(0, i - 80), i + 80)}… theirs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

const hashes: Record<string, string> = {};
const recorded: Record<string, string> | null = values.check ? JSON.parse(readFileSync(values.check, 'utf8')) : null;
let differ = 0;
for (const c of cases) {
  const out = clean(ours, c);
  hashes[c.name] = sha(out);
  let verdict = '';
  if (theirs) {
    const other = clean(theirs, c);
    verdict = other === out ? ' same as --against' : ` DIFFERS from --against ${firstDifference(out, other)}`;
    if (other !== out) differ++;
  }
  if (recorded) {
    const ok = recorded[c.name] === hashes[c.name];
    verdict += recorded[c.name] === undefined ? ' (not in --check file)' : ok ? ' same as --check' : ` DIFFERS from --check (${recorded[c.name]})`;
    if (recorded[c.name] !== undefined && !ok) differ++;
  }
  console.log(`${hashes[c.name]}  ${c.name}${verdict}`);
}
if (values.write) writeFileSync(values.write, JSON.stringify(hashes, null, 1) + '\n');
console.log(`${cases.length} pages: ${differ ? `${differ} DIFFER` : 'all identical'}${theirs || recorded ? '' : ' (nothing to compare against)'}`);
if (differ) process.exitCode = 1;
