/**
 * node bench/library-cold-start.ts --library DIR [--runs 7] [--trace]
 *
 * The library's cold start, repeated: each run starts the host, launches
 * Chromium, loads the app once in a fresh context (the cold load: as when the
 * app starts), then once more in a second fresh context of the same browser
 * (browser process warm, HTTP and code caches empty) and once in the same
 * context (everything warm). Prints per run and as medians with spread: first
 * rows painted (Element Timing), first row in a frame, the renderer main
 * thread's CPU (CDP TaskDuration) and the host's; the load average beside
 * them (--cold-only: the cold load alone). --baseline DIR alternates the runs with a built checkout in DIR (its
 * own host and renderer), printed beside; --baseline-browser-args "ARGS" makes the baseline this build in a Chromium
 * launched with those switches too (alone: the baseline is this build, e.g. --baseline-browser-args=--disable-gpu
 * shows what the headless machine's emulated GPU costs); --baseline-without-kept-screen makes the baseline this
 * build starting without the first screen kept from the last start (core/first-screen.ts), as a first start or one
 * after the list changed does; --baseline-with-browser-ui makes it this build in a Chromium that starts its own
 * omnibox popup's renderer, as the benches' browser did before (bench/support/bench-browser.ts); --baseline-library DIR gives it its own copy of the library (an older build cannot open a library a newer one migrated). --trace prints, for each cold load, the renderer main thread's self
 * time by event up to the first rows painted.
 *
 * Before the runs, each library's host is left open until its background catch-ups (search index, previews) are
 * quiet, at most 90 s: "settled … in N s" or "still busy after … N s" says which (a 10,000-document library's
 * previews can outlast that; they then go on during the runs, in both builds alike).
 *
 * Each run's second line, for reading a slow run: "redirect" when the sign-in redirect ended, "doc a→b→c" the page's
 * request start, first byte and last byte, "DI" DOM interactive (the page parsed), then each file asked for before the
 * first rows were painted with its start→end; "long tasks s+d" main-thread tasks over 50 ms (start + duration);
 * "load" the machine's 1-minute load average. All in ms from navigation start.
 *
 * The clock starts at the page's navigation; before it, each run prints the
 * host's own start (`broadsheet serve` spawned → its URL printed: Node, the
 * library opened, the start answers read once) and whether the first
 * navigation moved the page to a new renderer process (Chromium does so for a
 * response that asks for another browsing context group). A --library or
 * --baseline-library folder that holds no library yet gets the 10,000-document
 * one bench:library builds (bench/support/bench-library.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from '@playwright/test';
import { launchBenchBrowser, processCpuMs } from './support/bench-browser.ts';
import { selfTimes, type TraceEvent } from './support/trace-events.ts';
import { recordLibraryLoad } from './support/library-load-marks.ts';
import { buildBenchLibrary } from './support/bench-library.ts';
import { startHostProcess } from '../e2e/support/host-process.ts';

const { values } = parseArgs({ options: { library: { type: 'string' }, baseline: { type: 'string' }, 'baseline-library': { type: 'string' }, 'baseline-browser-args': { type: 'string' }, 'baseline-without-kept-screen': { type: 'boolean', default: false }, 'baseline-with-browser-ui': { type: 'boolean', default: false }, runs: { type: 'string', default: '7' }, 'cold-only': { type: 'boolean', default: false }, trace: { type: 'boolean', default: false } } });
if (!values.library) throw new Error('--library DIR (a library made by bench:library --library DIR)');

for (const dir of [values.library, values['baseline-library']]) {
  if (!dir || existsSync(join(dir, 'library.sqlite'))) continue;
  console.log(`building a library of 10,000 documents in ${dir} …`);
  console.log(`built in ${((await buildBenchLibrary(dir, 10_000)) / 1000).toFixed(1)} s`);
}

const baselineHost = values.baseline
  ? ((await import(`${values.baseline}/e2e/support/host-process.ts`)) as { startHostProcess: typeof startHostProcess }).startHostProcess
  : values['baseline-browser-args'] !== undefined || values['baseline-without-kept-screen'] || values['baseline-with-browser-ui']
    ? startHostProcess
    : null;
const baselineBrowserArgs = values['baseline-browser-args']?.split(/\s+/).filter(Boolean) ?? [];

// Each library is settled first: its host left open until its background catch-ups (search index, previews) are done,
// as an archivist's library is after its first session. Otherwise every run's host would redo the part the one before
// was stopped in, and the two libraries would differ in what is left.
const settle: Array<[typeof startHostProcess, string]> = [[startHostProcess, values.library]];
if (baselineHost && values.baseline) settle.push([baselineHost, values['baseline-library'] ?? values.library]);
for (const [start, dir] of settle) {
  const host = await start(dir);
  const started = performance.now();
  let quiet = 0;
  for (let last = processCpuMs(host.child.pid!); quiet < 3 && performance.now() - started < 90_000; ) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = processCpuMs(host.child.pid!);
    quiet = performance.now() - started > 5000 && now - last < 30 ? quiet + 1 : 0;
    last = now;
  }
  // At 10,000 documents the previews' catch-up can outlast the cap: it then goes on from there in the runs.
  console.log(`${quiet >= 3 ? 'settled' : 'still busy after'} ${dir} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await host.stop();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
type Load = { hostStart: number; painted: number; appPainted: number; shown: number; input: number; interactive: number; rendererCpu: number; hostCpu: number; long: Array<[number, number]>; fcp: number; nav: string };
const kinds = ['cold', 'new context', 'same context', 'baseline cold', 'baseline new context', 'baseline same context'] as const;
const cpuTotals = new Map<string, number>();
const baseCpuTotals = new Map<string, number>();
const loads = Object.fromEntries(kinds.map((k) => [k, [] as Load[]])) as Record<(typeof kinds)[number], Load[]>;

async function newContext(browser: Awaited<ReturnType<typeof launchBenchBrowser>>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await recordLibraryLoad(context);
  return context;
}

const load0 = loadavg();
const cpu0 = process.cpuUsage();
for (let step = 0; step < Number(values.runs) * (baselineHost ? 2 : 1); step++) {
  const base = baselineHost !== null && step % 2 === 1;
  const run = baselineHost ? Math.floor(step / 2) : step;
  // The baseline starts as a library with no first screen kept does (its load keeps one again, the same).
  if (base && values['baseline-without-kept-screen']) rmSync(join(values['baseline-library'] ?? values.library, 'first-screen.json'), { force: true });
  const spawned = performance.now();
  const host = await (base ? baselineHost : startHostProcess)(base ? (values['baseline-library'] ?? values.library) : values.library);
  const hostStart = performance.now() - spawned;
  const hostStartCpu = processCpuMs(host.child.pid!);
  const browser = await launchBenchBrowser(base ? baselineBrowserArgs : [], base && values['baseline-with-browser-ui'] ? { browserUi: true } : {});
  const browserCdp = await browser.newBrowserCDPSession();
  const rendererInfo = async () =>
    ((await browserCdp.send('SystemInfo.getProcessInfo')).processInfo as Array<{ type: string; id: number; cpuTime: number }>).filter((p) => p.type === 'renderer');
  const renderers = async () => new Set((await rendererInfo()).map((p) => p.id));
  try {
    const first = await newContext(browser);
    const b = (k: 'cold' | 'new context' | 'same context') => (base ? (`baseline ${k}` as const) : k);
    const plan: Array<[(typeof kinds)[number], BrowserContext]> = [[b('cold'), first]];
    if (!values['cold-only']) plan.push([b('new context'), await newContext(browser)], [b('same context'), first]);
    for (const [kind, context] of plan) {
      const page = await context.newPage();
      const before = await renderers();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const h0 = processCpuMs(host.child.pid!);
      const tracing = values.trace && kind.endsWith('cold');
      if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading', 'fonts'] });
      await page.goto(host.url);
      await page.waitForFunction(() => { const w = window as unknown as { __painted?: number; __interactive?: number }; return w.__painted !== undefined && w.__interactive !== undefined; }, null, { timeout: 60_000 });
      const { metrics } = await cdp.send('Performance.getMetrics');
      const hostCpu = processCpuMs(host.child.pid!) - h0;
      const after = await rendererInfo();
      const swapped = after.some((p) => !before.has(p.id));
      // Every renderer's CPU since the browser started: a renderer beside the page's and a spare one that works
      // during the load is the browser's own UI (bench/support/bench-browser.ts), which the app does not have.
      const renderersCpu = after.map((p) => (p.cpuTime * 1000).toFixed(0)).sort((a, b) => Number(b) - Number(a)).join('/');
      const t = await page.evaluate(() => {
        const w = window as unknown as { __interactive: number; __shown: number; __input: number; __painted: number; __long: Array<[number, number]> };
        const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')?.startTime ?? NaN;
        const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.startTime < w.__painted)
          .map((r) => `${r.name.replace(/^.*\//, '').slice(0, 16)} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`);
        const nav = `redirect ${n.redirectEnd.toFixed(0)} doc ${n.requestStart.toFixed(0)}→${n.responseStart.toFixed(0)}→${n.responseEnd.toFixed(0)} DI ${n.domInteractive.toFixed(0)} | ${res.join(' | ')}`;
        // Element Timing does not report the kept screen's rows (they are taken away before its entries are); the kept
        // screen fills the window from the first frame, so its rows are in the page's first contentful paint.
        const kept = performance.getEntriesByName('broadsheet:first-screen-kept').length > 0;
        return { painted: kept ? Math.min(fcp, w.__painted) : w.__painted, appPainted: w.__painted, shown: w.__shown, input: w.__input, interactive: w.__interactive, long: w.__long, fcp, nav, kept };
      });
      if (tracing) {
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
        console.log(`run ${run} ${kind} trace:\n${summarise(trace.traceEvents, t.painted, base ? baseCpuTotals : cpuTotals)}`);
      }
      const rendererCpu = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
      loads[kind].push({ ...t, rendererCpu, hostCpu, hostStart });
      const f = (x: number) => x.toFixed(0).padStart(4);
      console.log(
        `run ${run} ${kind.padEnd(12)} painted ${f(t.painted)} ms  in a frame ${f(t.shown)}  input from ${f(t.input)}  app live ${f(t.interactive)} painted ${f(t.appPainted)}${t.kept ? ' (kept screen)' : ''}  FCP ${f(t.fcp)}  CPU renderer ${f(rendererCpu)} host ${f(hostCpu)}  long tasks ${t.long.map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(', ') || 'none'}  load ${loadavg()[0].toFixed(2)}\n    host start ${hostStart.toFixed(0)} ms (CPU ${hostStartCpu.toFixed(0)})  renderers' CPU ${renderersCpu} ms  ${swapped ? 'new renderer process' : 'same renderer process'}  ${t.nav}`,
      );
      // As a session does, the load is left to keep its first screen for the next start (lib/first-screen.ts).
      await page.waitForTimeout(1500);
      await page.close();
    }
  } finally {
    await browser.close();
    await host.stop();
  }
}
const cpu = process.cpuUsage(cpu0);
console.log(`\nload average ${load0.map((x) => x.toFixed(2)).join(' ')} before, ${loadavg().map((x) => x.toFixed(2)).join(' ')} after (2 cores); this driver's CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
for (const kind of kinds) {
  const xs = loads[kind];
  if (!xs.length) continue;
  const s = (k: 'painted' | 'appPainted' | 'shown' | 'input' | 'interactive' | 'rendererCpu' | 'hostCpu' | 'fcp' | 'hostStart') => {
    const v = xs.map((x) => x[k]).sort((a, b) => a - b);
    return `${median(v).toFixed(0)} ms (${v[0].toFixed(0)}–${v.at(-1)!.toFixed(0)})`;
  };
  console.log(`${kind.padEnd(12)} first rows painted ${s('painted')}  in a frame ${s('shown')}  input from ${s('input')}  app live ${s('interactive')} painted ${s('appPainted')}  FCP ${s('fcp')}  CPU renderer ${s('rendererCpu')} host ${s('hostCpu')}  host start ${s('hostStart')}   (${xs.length} runs)`);
}

if (values.trace) {
  const n = Number(values.runs);
  for (const [label, totals] of [['', cpuTotals], ['baseline ', baseCpuTotals]] as const) {
    if (!totals.size) continue;
    console.log(`\n${label}renderer main thread CPU by event, navigation start → first rows painted, mean of ${n} cold loads:`);
    for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(us / n / 1000).toFixed(1).padStart(6)} ms  ${name}`);
  }
}

/** Self time by event name on the renderer main thread from navigation start to `until` ms, and its long events. */
function summarise(events: TraceEvent[], until: number, cpuTotals: Map<string, number>): string {
  const navs = events.filter((e) => e.name === 'navigationStart' && /^http/.test(e.args?.data?.documentLoaderURL ?? '')).sort((a, b) => a.ts - b.ts);
  const nav = navs[0];
  const main = nav && events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === nav.pid);
  if (!main) return '  (no renderer main thread in the trace)';
  const end = nav.ts + until * 1000;
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts < end && e.ts + e.dur > nav.ts).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: string[] = [];
  const { wall: self, cpu: cpuSelf } = selfTimes(on, nav.ts, end, (e) => {
    if (e.dur! > 2000) tasks.push(`  task at ${((e.ts - nav.ts) / 1000).toFixed(0).padStart(4)} ms: ${(e.dur! / 1000).toFixed(1)} ms wall, ${((e.tdur ?? 0) / 1000).toFixed(1)} ms CPU`);
  });
  if (process.env.DUMP_FONTS) {
    const fonts = on.filter((e) => /Font/.test(e.name));
    const byName = new Map<string, number>();
    for (const e of fonts) byName.set(e.name, (byName.get(e.name) ?? 0) + 1);
    console.log([...byName].map(([n, c]) => `  ${c}× ${n}`).join('\n'));
    for (const e of fonts.filter((f) => f.args && Object.keys(f.args).length)) console.log(`  ${e.name} ${JSON.stringify(e.args).slice(0, 200)}`);
  }
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  const cpuBusy = [...cpuSelf.values()].reduce((a, b) => a + b, 0);
  for (const [n, us] of cpuSelf) cpuTotals.set(n, (cpuTotals.get(n) ?? 0) + us);
  cpuTotals.set('(all)', (cpuTotals.get('(all)') ?? 0) + cpuBusy);
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([n, us]) => `  self ${(us / 1000).toFixed(1).padStart(6)} ms wall ${((cpuSelf.get(n) ?? 0) / 1000).toFixed(1).padStart(6)} ms CPU  ${n}`);
  rows.unshift(`  main thread CPU: ${(cpuBusy / 1000).toFixed(0)} ms`, ...tasks);
  const top = on.filter((e) => e.dur! > 5000).map((e) => `  ${((e.ts - nav.ts) / 1000).toFixed(0).padStart(4)} ms +${(e.dur! / 1000).toFixed(1)} ${e.name} ${e.args?.data?.url?.replace(/^.*\//, '') ?? ''}`);
  return [`  main thread busy, navigation start → first rows painted (${until.toFixed(0)} ms): ${(busy / 1000).toFixed(0)} ms`, ...rows, '  events > 5 ms:', ...top].join('\n');
}
