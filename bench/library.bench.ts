/**
 * npm run bench:library [-- --docs 10000]
 *
 * Builds a library of N one-page documents (20 newspapers, NDNP-style issues
 * of 8 pages over 30 years; each a distinct tiny PDF, stored straight
 * through LibraryStore rather than imported, which would take minutes), then
 * in Chromium through the browser host measures:
 *  - time to interactive: navigation start → the first document rows painted
 *    (the browser's own Element Timing of the rows' text: when the frame
 *    with them was presented), and → the whole list in hand (filtering and
 *    browsing need it), with the CPU spent meanwhile in the renderer's main
 *    thread and in the host; median of 7 loads, with every run and the spread
 *    printed, and the machine's load average beside them;
 *  - filtering: choosing a newspaper → the list redrawn (median of 7);
 *  - scrolling: a scroll step → the next frame (p95 of 40 steps);
 *  - DOM nodes in the whole page, list and browse views.
 * Baseline from the same run: the old path (the renderer fetching the whole
 * list as `library.list` objects, chosen by the init script's
 * `window.broadsheetBench = { libraryLoad: 'list' }`), alternating with the new one (a first
 * window, then the whole list as `library.columns`); and each request's own
 * fetch-and-parse cost in the same page. Every load is the app's own: the
 * first screen kept from the load before is removed first (with it, see
 * bench/library-cold-start.ts).
 * Goals at 10,000: interactive ≤ 300 ms, filter ≤ 50 ms, DOM ≤ 2,000 nodes.
 */
import type { Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_PAPERS as PAPERS, buildBenchLibrary } from './support/bench-library.ts';
import { launchBenchBrowser, processCpuMs } from './support/bench-browser.ts';
import { startHostProcess } from '../e2e/support/host-process.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '10000' }, library: { type: 'string' } } });
const N = Number(values.docs);
/** The goal column: the bound, and whether this run's figure is within it. */
const goal = (value: number, bound: number, unit = ' ms') => `≤ ${bound.toLocaleString('en')}${unit}: ${value <= bound ? 'met' : 'NOT met'}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

// --library DIR keeps the generated library there and reuses it on the next run (building takes a while).
const library = values.library ?? mkdtempSync(join(tmpdir(), 'broadsheet-library-bench-'));
if (values.library && existsSync(join(library, 'library.sqlite'))) console.log(`reusing the library in ${library}`);
else {
  console.log(`building a library of ${N} documents …`);
  const buildMs = await buildBenchLibrary(library, N);
  console.log(`built in ${(buildMs / 1000).toFixed(1)} s`);
}
const host = await startHostProcess(library);
const browser = await launchBenchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Record, from navigation start, when the first document rows were painted (Element Timing: the rows'
  // newspaper names carry elementtiming), the first animation frame with a row in the DOM (a fallback),
  // and the first frame with the whole list in hand (the count no longer says "loading…"). The app's own rows (in #app):
  // a first screen kept from an earlier load (core/first-screen.ts) is bench/library-cold-start.ts's to measure.
  await context.addInitScript(() => {
    const w = window as unknown as { __interactive?: number; __complete?: number; __painted?: number };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>)
        if (e.identifier === 'library-row' && w.__painted === undefined) w.__painted = e.renderTime || e.startTime;
    }).observe({ type: 'element', buffered: true });
    const tick = () => {
      const now = performance.now();
      if (w.__interactive === undefined && document.querySelector('#app [aria-label="Documents"] li button')) w.__interactive = now;
      const count = document.querySelector('#app #library-heading + .count');
      if (w.__interactive !== undefined && count && !/loading/.test(count.textContent ?? '')) w.__complete = now;
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // utime + stime of the host process, in ms (its worker threads included).
  const hostTicks = () => processCpuMs(host.child.pid!);
  type Load = { painted: number; interactive: number; complete: number; rendererCpu: number; hostCpu: number; floor: number };
  const loads: Record<'columns' | 'list' | 'cold', Load[]> = { columns: [], list: [], cold: [] };
  let page!: Page;
  // The first load of all is the cold one (nothing cached in the host: as when the app starts), on the new path;
  // then the two paths alternate, seven loads each, the new one last (the measures below use its page).
  const load0 = loadavg();
  let noElementTiming = false;
  for (let run = 0; run < 15; run++) {
    const path = run % 2 === 0 ? 'columns' : 'list';
    await page?.close();
    page = await context.newPage();
    await page.addInitScript((p) => ((window as unknown as { broadsheetBench: object }).broadsheetBench = { libraryLoad: p }), path);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const host0 = hostTicks();
    // The app's own load, on each path: no first screen kept from the load before (core/first-screen.ts). Shown, it
    // would be what is painted first (its rows carry elementtiming too), and the two paths would keep different ones;
    // bench/library-cold-start.ts measures a start with one.
    rmSync(join(library, 'first-screen.json'), { force: true });
    await page.goto(host.url);
    await page.waitForFunction(() => (window as unknown as { __complete?: number }).__complete !== undefined, null, { timeout: 120_000 });
    const hostCpu = hostTicks() - host0;
    const { metrics } = await cdp.send('Performance.getMetrics');
    const rendererCpu = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
    // Element Timing reports a paint a frame or two after it; without one (a build whose rows lack the attribute) the frame time stands in.
    await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined, null, { timeout: 2000 }).catch(() => (noElementTiming = true));
    const t = await page.evaluate(() => {
      const w = window as unknown as { __interactive: number; __complete: number; __painted: number };
      return { __interactive: w.__interactive, __complete: w.__complete, __painted: w.__painted ?? w.__interactive };
    });
    const floor = await page.evaluate(async (req) => {
      const t0 = performance.now();
      const r = await fetch(`api/${req}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await r.json();
      return performance.now() - t0;
    }, path === 'columns' ? 'library.columns' : 'library.list');
    loads[run === 0 ? 'cold' : path].push({ painted: t.__painted, interactive: t.__interactive, complete: t.__complete, rendererCpu, hostCpu, floor });
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

  console.log(`\nlibrary of ${N} documents (browser host, Chromium, 1440×900); every load the app's own, none with a first screen kept from the one before (a start with one kept: bench/library-cold-start.ts)`);
  console.log(['measure', 'value', 'baseline in the same run', 'goal'].join('  |  '));
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const med = (xs: Load[], k: keyof Load) => median(xs.map((x) => x[k]));
  const runs = (xs: Load[], k: keyof Load) => xs.map((x) => x[k].toFixed(0)).join(' / ');
  const spread = (xs: Load[], k: keyof Load) => {
    const v = xs.map((x) => x[k]).sort((a, b) => a - b);
    return `${ms(median(v))} (spread ${v[0].toFixed(0)}–${v.at(-1)!.toFixed(0)}; runs ${runs(xs, k)})`;
  };
  const c = loads.columns;
  const l = loads.list;
  console.log(`load average: ${load0.map((x) => x.toFixed(2)).join(' ')} before the loads, ${loadavg().map((x) => x.toFixed(2)).join(' ')} after (2 cores)`);
  console.log(['time to interactive: navigation start → first rows painted (median of 7)', spread(c, 'painted'), `old path (library.list): ${spread(l, 'painted')}`, goal(med(c, 'painted'), 300)].join('  |  '));
  if (noElementTiming) console.log('  (no Element Timing entry in some loads: the animation frame with the first row stood in for its paint)');
  console.log(['  first row in the DOM (animation frame that holds it)', spread(c, 'interactive'), `old path: ${ms(med(l, 'interactive'))}`, ''].join('  |  '));
  console.log(['whole list in hand (filter, browse)', spread(c, 'complete'), `old path: ${ms(med(l, 'complete'))}`, ''].join('  |  '));
  console.log(['  CPU to that point: renderer main thread / host', `${ms(med(c, 'rendererCpu'))} / ${ms(med(c, 'hostCpu'))}`, `before: ${ms(med(l, 'rendererCpu'))} / ${ms(med(l, 'hostCpu'))}`, ''].join('  |  '));
  const cold = loads.cold[0];
  console.log(['cold start (first load after the host started): first rows painted / whole list / CPU renderer, host', `${ms(cold.painted)} / ${ms(cold.complete)} / ${ms(cold.rendererCpu)}, ${ms(cold.hostCpu)}`, '', ''].join('  |  '));
  console.log(['whole list fetch+parse alone (floor)', `library.columns ${ms(med(c, 'floor'))}`, `library.list ${ms(med(l, 'floor'))}`, ''].join('  |  '));
  console.log(['filter by newspaper (median of 7)', `${median(filter).toFixed(1)} ms`, '', goal(median(filter), 50)].join('  |  '));
  console.log(['scroll a screenful → 2nd frame (p95 of 40)', `${p95(frames).toFixed(1)} ms`, '', 'smooth: two frames, ~33 ms at 60 Hz'].join('  |  '));
  console.log(['DOM nodes: list / after scrolling / browse', `${listNodes} / ${scrolledNodes} / ${browseNodes}`, '', goal(Math.max(listNodes, scrolledNodes, browseNodes), 2000, '')].join('  |  '));
} finally {
  await browser.close();
  await host.stop();
  if (!values.library) rmSync(library, { recursive: true, force: true });
}
