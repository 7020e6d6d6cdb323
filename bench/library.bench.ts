/**
 * npm run bench:library [-- --docs 10000]
 *
 * Builds a library of N one-page documents (20 newspapers, NDNP-style issues
 * of 8 pages over 30 years; each a distinct tiny PDF, stored straight
 * through LibraryStore rather than imported, which would take minutes), then
 * in Chromium through the browser host measures:
 *  - time to interactive: navigation start → first document row on screen;
 *  - filtering: choosing a newspaper → the list redrawn (median of 7);
 *  - scrolling: a scroll step → the next frame (p95 of 40 steps);
 *  - DOM nodes in the whole page, list and browse views.
 * Baseline from the same run: `library.list` fetched and parsed in the same
 * page, the floor under time to interactive.
 * Goals at 10,000: interactive ≤ 300 ms, filter ≤ 50 ms, DOM ≤ 2,000 nodes.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { cleanPage } from '../core/cleaning/clean-page.ts';
import type { RawPage } from '../core/page-model.ts';
import { chromiumExecutable } from '../e2e/support/chromium.ts';
import { startHostProcess } from '../e2e/support/host-process.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '10000' } } });
const N = Number(values.docs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

const PAPERS = Array.from({ length: 20 }, (_, i) => `The Bench ${['Gazette', 'Herald', 'Star', 'Tribune', 'Courier'][i % 5]} ${i + 1}`);

async function buildLibrary(dir: string): Promise<number> {
  const started = performance.now();
  const base = await (async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([612, 792]).drawText('Bench page', { x: 72, y: 700, size: 14, font });
    return pdf.save();
  })();
  const store = new LibraryStore(dir);
  const raw: RawPage = {
    number: 1,
    width: 612,
    height: 792,
    images: [],
    items: [{ str: 'Bench page', font: 'F1', size: 14, transform: [14, 0, 0, 14, 72, 700], rect: [72, 78, 150, 92], eol: true }],
  };
  const cleaned = cleanPage(raw);
  for (let i = 0; i < N; i++) {
    const paper = i % PAPERS.length;
    const issueNo = Math.floor(i / PAPERS.length / 8);
    const seq = Math.floor(i / PAPERS.length) % 8;
    const day = new Date(Date.UTC(1880, 0, 1) + issueNo * 3 * 86400000).toISOString().slice(0, 10);
    const bytes = new Uint8Array([...base, ...new TextEncoder().encode(`\n%bench ${i}\n`)]);
    const id = store.storeOriginal(bytes);
    const pending = store.begin(id, 'pdf', `${String(i).padStart(5, '0')}.pdf`, bytes.length);
    pending.addPage(raw, cleaned);
    const lccn = `sn9${String(paper).padStart(7, '0')}`;
    pending.commit(
      { newspaper: PAPERS[paper], date: day, page: seq + 1, edition: '01', title: '' },
      { lccn, issue: `${lccn}/${day}/01`, sequence: seq + 1, pageLabel: String(seq + 1), volume: '', number: '' },
    );
  }
  store.close();
  return performance.now() - started;
}

const library = mkdtempSync(join(tmpdir(), 'broadsheet-library-bench-'));
console.log(`building a library of ${N} documents …`);
const buildMs = await buildLibrary(library);
console.log(`built in ${(buildMs / 1000).toFixed(1)} s`);
const host = await startHostProcess(library);
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  // Record, from navigation start, the first frame with a document row on screen.
  await page.addInitScript(() => {
    const w = window as unknown as { __interactive?: number };
    const tick = () => {
      if (document.querySelector('[aria-label="Documents"] li button')) w.__interactive = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const interactive: number[] = [];
  const listFloor: number[] = [];
  for (let run = 0; run < 3; run++) {
    await page.goto(host.url);
    await page.waitForFunction(() => (window as unknown as { __interactive?: number }).__interactive !== undefined, null, { timeout: 120_000 });
    interactive.push(await page.evaluate(() => (window as unknown as { __interactive: number }).__interactive));
    listFloor.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        const r = await fetch('api/library.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        await r.json();
        return performance.now() - t0;
      }),
    );
  }
  await page.waitForTimeout(500);
  const nodes = async () => page.evaluate(() => document.getElementsByTagName('*').length);
  const listNodes = await nodes();

  // Filtering: pick a newspaper, then all again; time to the next frame with the list redrawn.
  const filter: number[] = [];
  for (let i = 0; i < 7; i++) {
    const paper = i % 2 === 0 ? PAPERS[i] : '';
    filter.push(
      await page.evaluate(async (value) => {
        const select = [...document.querySelectorAll('select')].find((s) => [...s.options].some((o) => o.value === '' && o.text === 'All newspapers'))!;
        const list = document.querySelector('[aria-label="Documents"]')!;
        const before = list.querySelector('li')?.getAttribute('aria-setsize');
        const t0 = performance.now();
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () => (document.querySelector('[aria-label="Documents"] li')?.getAttribute('aria-setsize') !== before ? resolve() : requestAnimationFrame(check));
          requestAnimationFrame(check);
        });
        return performance.now() - t0;
      }, paper),
    );
  }

  // Scrolling: 40 steps of a screenful each through the full list.
  const frames = await page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[aria-label="Documents"]')!;
    const out: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      list.scrollTop += list.clientHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      out.push(performance.now() - t0);
    }
    return out;
  });
  const scrolledNodes = await nodes();
  await page.getByRole('button', { name: 'By newspaper' }).click();
  await page.waitForTimeout(300);
  const browseNodes = await nodes();

  console.log(`\nlibrary of ${N} documents (browser host, Chromium, 1440×900)`);
  console.log(['measure', 'value', 'baseline in the same run', 'goal'].join('  |  '));
  console.log(['time to interactive (median of 3)', `${median(interactive).toFixed(0)} ms`, `library.list fetch+parse ${median(listFloor).toFixed(0)} ms`, '≤ 300 ms'].join('  |  '));
  console.log(['filter by newspaper (median of 7)', `${median(filter).toFixed(1)} ms`, '', '≤ 50 ms'].join('  |  '));
  console.log(['scroll a screenful → 2nd frame (p95 of 40)', `${p95(frames).toFixed(1)} ms`, '', 'smooth'].join('  |  '));
  console.log(['DOM nodes: list / after scrolling / browse', `${listNodes} / ${scrolledNodes} / ${browseNodes}`, '', '≤ 2,000'].join('  |  '));
} finally {
  await browser.close();
  await host.stop();
  rmSync(library, { recursive: true, force: true });
}
