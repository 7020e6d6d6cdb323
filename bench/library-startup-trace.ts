/**
 * node bench/library-startup-trace.ts --library DIR [--runs 6]
 *
 * Where the library's start-up time goes, load by load: the resource timings
 * of the page, its script and each request (sent → answered), the long tasks
 * on the main thread, the app's own marks, and the first row on screen; with
 * the host's CPU while the page was idle before the load (background work
 * competing with the first request shows there).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchBenchBrowser, processCpuMs } from './support/bench-browser.ts';
import { selfTimes, type TraceEvent } from './support/trace-events.ts';
import { recordLibraryLoad } from './support/library-load-marks.ts';
import { startHostProcess } from '../e2e/support/host-process.ts';

const { values } = parseArgs({
  options: { library: { type: 'string' }, runs: { type: 'string', default: '6' }, settle: { type: 'string', default: '0' }, trace: { type: 'boolean', default: false } },
});
if (!values.library) throw new Error('--library DIR (a library made by bench:library --library DIR)');
const host = await startHostProcess(values.library);
const hostTicks = () => processCpuMs(host.child.pid!);
const browser = await launchBenchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await recordLibraryLoad(context);
  await new Promise((r) => setTimeout(r, Number(values.settle)));
  for (let run = 0; run < Number(values.runs); run++) {
    const page = await context.newPage();
    const idle0 = hostTicks();
    await new Promise((r) => setTimeout(r, 500));
    const idleCpu = hostTicks() - idle0;
    const h0 = hostTicks();
    // --trace: a Chromium trace of the load; the renderer main thread's time up to the first row, by event.
    if (values.trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading', ...(process.env.TRACE_MORE ? process.env.TRACE_MORE.split(',') : [])] });
    await page.goto(host.url);
    await page.waitForFunction(() => (window as unknown as { __interactive?: number }).__interactive !== undefined, null, { timeout: 60_000 });
    await page.waitForTimeout(100);
    const hostCpu = hostTicks() - h0;
    const t = await page.evaluate(() => {
      const w = window as unknown as { __interactive: number; __painted?: number; __long: Array<[number, number]> };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.name.replace(/^.*\/(s\/[^/]+\/)?/, ''), r.startTime, r.requestStart, r.responseStart, r.responseEnd] as const);
      const marks = performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const);
      const paints = performance.getEntriesByType('paint').map((m) => [m.name, m.startTime] as const);
      return { interactive: w.__interactive, painted: w.__painted ?? NaN, long: w.__long, nav: [nav.responseStart, nav.responseEnd, nav.domInteractive, nav.domContentLoadedEventEnd], res, marks, paints };
    });
    const f = (x: number) => x.toFixed(0).padStart(5);
    if (values.trace) {
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
      console.log(summarise(trace.traceEvents, Number.isNaN(t.painted) || process.env.UNTIL_FRAME ? t.interactive : t.painted));
    }
    console.log(`\nrun ${run}: first row in a frame ${f(t.interactive)} ms, painted ${f(t.painted)} ms   host CPU during load ${hostCpu.toFixed(0)} ms, idle before ${idleCpu.toFixed(0)} ms/500 ms   load ${loadavg()[0].toFixed(2)}`);
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

/** Self time by event name on the renderer's main thread, from navigation start to `until` (ms after it). */
function summarise(events: TraceEvent[], until: number): string {
  const start = events.find((e) => e.name === 'navigationStart' && /^http/.test(e.args?.data?.documentLoaderURL ?? ''));
  const main = start && events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === start.pid);
  if (!main) return '  (no renderer main thread in the trace)';
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  // The app's own navigation (after the ?token= redirect), not about:blank's.
  const nav = events.filter((e) => e.pid === main.pid && e.name === 'navigationStart' && /^http/.test(e.args?.data?.documentLoaderURL ?? '')).map((e) => e.ts).sort((a, b) => a - b)[0];
  if (nav === undefined) return '  (no navigationStart for the app in the trace)';
  const end = nav + until * 1000;
  const self = selfTimes(on, nav, end).wall;
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 10);
  rows.unshift([`main thread busy, navigation start → first rows painted: ${(busy / 1000).toFixed(0)} ms`, -1]);
  const long = on
    .filter((e) => e.ts >= nav && e.ts < end && e.dur! > 8000 && ['Layout', 'UpdateLayoutTree', 'v8.evaluateModule', 'FunctionCall', 'RunMicrotasks', 'v8.compile', 'v8.compileModule', 'ParseAuthorStyleSheet'].includes(e.name))
    .map((e) => `${e.name} at ${((e.ts - nav) / 1000).toFixed(0)} for ${(e.dur! / 1000).toFixed(1)} ms ${JSON.stringify((e.args as { beginData?: unknown })?.beginData ?? '')}`);
  if (process.env.TRACE_MORE) {
    const first = on.find((e) => e.ts >= nav && e.name === 'Layout' && e.dur! > 8000);
    if (first) {
      const inside = new Map<string, [number, number]>();
      for (const e of events) if (e.pid === main.pid && e.tid === main.tid && e.ts >= first.ts && e.ts < first.ts + first.dur! && e !== first) {
        const [n, d] = inside.get(e.name) ?? [0, 0];
        inside.set(e.name, [n + 1, d + (e.dur ?? 0)]);
      }
      rows.push(...[...inside].sort((a, b) => b[1][1] - a[1][1]).slice(0, 12).map(([name, [n, d]]) => [`  long event: inside the first long Layout: ${name} ×${n} ${(d / 1000).toFixed(1)} ms`, -1] as [string, number]));
    }
  }
  if (long.length) rows.push(...long.map((l) => [`  long event: ${l}`, -1] as [string, number]));
  return rows.map(([n, us]) => (us < 0 ? `  ${n.trim()}` : `  main thread self ${(us / 1000).toFixed(1).padStart(6)} ms  ${n}`)).join('\n');
}
