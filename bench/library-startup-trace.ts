/**
 * node bench/library-startup-trace.ts --library DIR [--runs 6]
 *
 * Where the library's start-up time goes, load by load: the resource timings
 * of the page, its script and each request (sent → answered), the long tasks
 * on the main thread, the app's own marks, and the first row on screen; with
 * the host's CPU while the page was idle before the load (background work
 * competing with the first request shows there).
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromiumExecutable } from '../e2e/support/chromium.ts';
import { startHostProcess } from '../e2e/support/host-process.ts';

const { values } = parseArgs({ options: { library: { type: 'string' }, runs: { type: 'string', default: '6' }, settle: { type: 'string', default: '0' } } });
if (!values.library) throw new Error('--library DIR (a library made by bench:library --library DIR)');
const host = await startHostProcess(values.library);
const hostTicks = () => {
  const f = readFileSync(`/proc/${host.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __interactive?: number; __long: Array<[number, number]> };
    w.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
    const tick = () => {
      if (document.querySelector('[aria-label="Documents"] li button')) w.__interactive = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await new Promise((r) => setTimeout(r, Number(values.settle)));
  for (let run = 0; run < Number(values.runs); run++) {
    const page = await context.newPage();
    const idle0 = hostTicks();
    await new Promise((r) => setTimeout(r, 500));
    const idleCpu = hostTicks() - idle0;
    const h0 = hostTicks();
    await page.goto(host.url);
    await page.waitForFunction(() => (window as unknown as { __interactive?: number }).__interactive !== undefined, null, { timeout: 60_000 });
    const hostCpu = hostTicks() - h0;
    const t = await page.evaluate(() => {
      const w = window as unknown as { __interactive: number; __long: Array<[number, number]> };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.name.replace(/^.*\/(s\/[^/]+\/)?/, ''), r.startTime, r.requestStart, r.responseStart, r.responseEnd] as const);
      const marks = performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const);
      const paints = performance.getEntriesByType('paint').map((m) => [m.name, m.startTime] as const);
      return { interactive: w.__interactive, long: w.__long, nav: [nav.responseStart, nav.responseEnd, nav.domInteractive, nav.domContentLoadedEventEnd], res, marks, paints };
    });
    const f = (x: number) => x.toFixed(0).padStart(5);
    console.log(`\nrun ${run}: first row ${f(t.interactive)} ms   host CPU during load ${hostCpu.toFixed(0)} ms, idle before ${idleCpu.toFixed(0)} ms/500 ms   load ${loadavg()[0].toFixed(2)}`);
    console.log(`  document: response ${f(t.nav[0])}–${f(t.nav[1])}, domInteractive ${f(t.nav[2])}, DCL end ${f(t.nav[3])}`);
    for (const [name, start, req, resp, end] of t.res) console.log(`  ${name.slice(0, 40).padEnd(40)} start ${f(start)} sent ${f(req)} first byte ${f(resp)} end ${f(end)}`);
    for (const [name, at] of [...t.marks, ...t.paints]) console.log(`  mark ${name.padEnd(35)} ${f(at)}`);
    console.log(`  long tasks: ${t.long.map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(', ') || 'none'}`);
    await page.close();
  }
} finally {
  await browser.close();
  await host.stop();
}
