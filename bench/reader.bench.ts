/**
 * npm run bench:reader — through the browser host in Chromium:
 *  1. open document → first page painted, for the real LoC scans (2 MB each)
 *     and the CJK fixture; goal ≤ 500 ms. Each document is opened cold
 *     (fresh page load, nothing cached in pdf.js) by clicking it in the library.
 *  2. a 20-page document paged through end to end; goal: renderer JS heap
 *     < 300 MB. Sampled after every page turn (CDP Runtime.getHeapUsage).
 * Baseline from the same run: poppler's pdftoppm rendering the same page at
 * the same scale.
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DocumentDetail, DocumentSummary } from '../core/library-model.ts';
import { chromiumExecutable } from '../e2e/support/chromium.ts';
import { cliImport, ROOT, startHostProcess } from '../e2e/support/host-process.ts';
import { generateNewspaperPdf } from '../scripts/fixtures/newspaper-pdf.ts';

const SHARED = join(ROOT, '..', 'shared', 'pdfs', 'loc');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const multipage = join(ROOT, '.cache', 'fixtures', 'cjk-multipage-20.pdf');
if (!existsSync(multipage)) {
  mkdirSync(join(ROOT, '.cache', 'fixtures'), { recursive: true });
  writeFileSync(multipage, (await generateNewspaperPdf({ pages: 20, seed: 7 })).pdf);
}
const timed = [join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf')];
if (existsSync(SHARED)) timed.push(...readdirSync(SHARED).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(SHARED, f)));
else console.log(`note: ${SHARED} is absent; the real Library of Congress pages are skipped`);

const library = mkdtempSync(join(tmpdir(), 'broadsheet-reader-bench-'));
cliImport(library, [...timed, multipage]);
const host = await startHostProcess(library);
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});

try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const api = async <T>(name: string, params: object = {}): Promise<T> => {
    // Relative to the page: the host serves the app (and scopes its cookie) under a per-session path.
    const reply = (await (await page.request.post(new URL(`api/${name}`, page.url()).href, { data: params })).json()) as { result: T };
    return reply.result;
  };
  await page.goto(host.url);
  const docs = await api<DocumentSummary[]>('library.list');
  const byFile = (file: string) => docs.find((d) => d.fileName === basename(file))!;
  const multiDoc = byFile(multipage);

  const entryFor = (doc: DocumentSummary) =>
    page.getByRole('region', { name: 'Library', exact: true }).getByRole('button', { name: doc.title || doc.fileName });

  /** Clicks `doc` in the library and resolves with click → its first page painted, in ms (timed inside the page). */
  async function clickAndTime(doc: DocumentSummary): Promise<number> {
    const handle = await entryFor(doc).elementHandle();
    return page.evaluate(
      ([el, id]) =>
        new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error('no page painted within 60 s')), 60_000);
          const t0 = performance.now();
          addEventListener('broadsheet:page-painted', (e) => {
            if ((e as CustomEvent<{ docId: string }>).detail.docId === id) resolve(performance.now() - t0);
          });
          (el as HTMLElement).click();
        }),
      [handle, doc.id] as const,
    );
  }

  /**
   * A fresh page load (nothing cached in pdf.js), settled on `startAt`; then
   * `target` is clicked and timed. Going through the UI rather than the
   * settings API keeps the app's own pending saves from racing ours.
   */
  async function openCold(target: DocumentSummary, startAt: DocumentSummary): Promise<{ ms: number; scale: number }> {
    await page.goto(host.url);
    await page.locator('canvas[data-painted]').first().waitFor({ timeout: 60_000 });
    if ((await entryFor(startAt).getAttribute('aria-current')) !== 'true') await clickAndTime(startAt);
    const ms = await clickAndTime(target);
    const scale = Number(await page.getByTestId('page-surface').getAttribute('data-scale'));
    return { ms, scale };
  }

  function pdftoppmMs(file: string, scale: number): number {
    const out = mkdtempSync(join(tmpdir(), 'ppm-'));
    const started = performance.now();
    spawnSync('pdftoppm', ['-r', String(Math.round(72 * scale)), '-f', '1', '-l', '1', '-png', file, join(out, 'p')]);
    const ms = performance.now() - started;
    rmSync(out, { recursive: true, force: true });
    return ms;
  }

  const hasPoppler = !spawnSync('pdftoppm', ['-v']).error;
  console.log(`\nopen document → first page painted (browser host, Chromium, 1440×900), median of ${RUNS} cold opens; goal ≤ 500 ms`);
  console.log(['file', 'MB', 'open→painted ms', 'scale', 'pdftoppm same page ms'].join('  |  '));
  for (const file of timed) {
    const target = byFile(file);
    const samples: number[] = [];
    let scale = 1;
    for (let i = 0; i < RUNS; i++) ({ ms: samples[i], scale } = await openCold(target, multiDoc));
    const base = hasPoppler ? median(Array.from({ length: RUNS }, () => pdftoppmMs(file, scale))).toFixed(0) : '–';
    const mb = (await api<DocumentDetail>('document.get', { id: target.id })).fixity.size / 1e6;
    console.log([basename(file), mb.toFixed(1), median(samples).toFixed(0), scale.toFixed(2), base].join('  |  '));
  }

  // Paging through 20 pages: JS heap after each turn.
  await openCold(multiDoc, byFile(timed[0]));
  const cdp = await context.newCDPSession(page);
  const heap = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6;
  const samples: number[] = [await heap()];
  const turns: number[] = [];
  for (let n = 2; n <= multiDoc.pageCount; n++) {
    const t0 = Date.now();
    await page.keyboard.press('ArrowRight');
    await page.locator(`canvas[data-painted="${multiDoc.id}:${n}"]`).waitFor({ timeout: 60_000 });
    turns.push(Date.now() - t0);
    samples.push(await heap());
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const afterGc = await heap();
  console.log(`\n20-page document paged through (${multiDoc.pageCount} pages): JS heap start ${samples[0].toFixed(1)} MB, peak ${Math.max(...samples).toFixed(1)} MB, after GC ${afterGc.toFixed(1)} MB (goal < 300 MB); page turn → painted median ${median(turns)} ms`);
} finally {
  await browser.close();
  await host.stop();
  rmSync(library, { recursive: true, force: true });
}
