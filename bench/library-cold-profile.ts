/**
 * node bench/library-cold-profile.ts --library DIR [--runs 3]
 *
 * Where a cold load's time goes up to the library's first rows painted, one
 * load at a time (a fresh context each): the renderer main thread's tasks over
 * 2 ms in order, what each spent by trace event, and V8's samples in it as
 * self time by function (a build with `minify: false` names them); then
 * the font lookups (synchronous round trips to the browser process) made
 * before the app's script began and after it, in its path. Switches:
 * INCLUSIVE=1 JS time by function including callees (which component costs
 * what); FONTS_AFTER=1 each font lookup left in the script's path;
 * TRACE_MORE=cc,gpu,viz,… other categories, and a summary of the other
 * threads (raster, compositor, viz) before the paint.
 * bench/library-cold-start.ts gives the medians beside a baseline; this says
 * what the tasks in those medians are.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchBenchBrowser } from './support/bench-browser.ts';
import { recordLibraryLoad } from './support/library-load-marks.ts';
import { selfTimes, type TraceEvent } from './support/trace-events.ts';
import { startHostProcess } from '../e2e/support/host-process.ts';

const { values } = parseArgs({ options: { library: { type: 'string' }, runs: { type: 'string', default: '3' } } });
if (!values.library) throw new Error('--library DIR (a library made by bench:library --library DIR)');

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const host = await startHostProcess(values.library);
const browser = await launchBenchBrowser();
try {
  for (let run = 0; run < Number(values.runs); run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await recordLibraryLoad(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'fonts', ...(process.env.TRACE_MORE ? process.env.TRACE_MORE.split(',') : [])] });
    await cdp.send('Profiler.start');
    await page.goto(host.url);
    await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined, null, { timeout: 60_000 });
    const painted = await page.evaluate(() => (window as unknown as { __painted: number }).__painted);
    const profile = ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
    const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    console.log(`\nrun ${run}: first rows painted ${painted.toFixed(0)} ms   load ${loadavg()[0].toFixed(2)}`);
    console.log(timeline(events, painted, profile));
    await context.close();
  }
} finally {
  await browser.close();
  await host.stop();
}

/** Each top-level task over 2 ms on the page's main thread up to `until`, its self time by event, and its JS by function. */
function timeline(events: TraceEvent[], until: number, profile: CpuProfile): string {
  const nav = events.filter((e) => e.name === 'navigationStart' && /^http/.test(e.args?.data?.documentLoaderURL ?? '')).sort((a, b) => a.ts - b.ts)[0];
  const main = nav && events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === nav.pid);
  if (!main) return '  (no renderer main thread in the trace)';
  const end = nav.ts + (until + 30) * 1000;
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts < end && e.ts + e.dur > nav.ts).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tops: TraceEvent[] = [];
  let reach = 0;
  for (const e of on) {
    if (e.ts < reach) continue;
    tops.push(e);
    reach = e.ts + e.dur!;
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples: Array<[number, string]> = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const f = byId.get(profile.samples[i])!.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    samples.push([t, `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}`]);
  }
  const ms = (us: number) => (us / 1000).toFixed(1);
  const rows: string[] = [];
  for (const task of tops) {
    if (task.dur! < 2000) continue;
    const inner = on.filter((e) => e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!);
    const self = selfTimes(inner, task.ts, task.ts + task.dur!).wall;
    const parts = [...self].filter(([, us]) => us > 500).sort((a, b) => b[1] - a[1]).map(([n, us]) => `${n} ${ms(us)}`);
    const urls = inner.filter((e) => e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'FunctionCall').map((e) => String(e.args?.data?.url ?? '').replace(/^.*\//, '')).filter(Boolean);
    rows.push(`  ${ms(task.ts - nav.ts).padStart(6)} +${ms(task.dur!).padStart(6)} ms (CPU ${ms(task.tdur ?? 0)})  ${[...new Set(urls)].join(',')}\n      ${parts.join(' | ')}`);
    const js = new Map<string, number>();
    for (let i = 0; i < samples.length - 1; i++) {
      const [ts, k] = samples[i];
      if (ts < task.ts || ts > task.ts + task.dur!) continue;
      js.set(k, (js.get(k) ?? 0) + Math.min(samples[i + 1][0] - ts, 1000));
    }
    const topJs = [...js].sort((a, b) => b[1] - a[1]).slice(0, 10);
    if (topJs.length) rows.push(topJs.map(([k, us]) => `        js ${ms(us).padStart(5)}  ${k}`).join('\n'));
  }
  // Other threads (compositor, raster, GPU/viz) from the main thread's last task to the paint: what the frame waited on.
  if (process.env.TRACE_MORE) {
    const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String(e.args?.name)]));
    const lastMain = tops.at(-1)!;
    const from = nav.ts + (until - 400) * 1000;
    const byThread = new Map<string, Map<string, number>>();
    for (const e of events) {
      if (e.ph !== 'X' || e.dur === undefined || e.ts < from || e.ts > end) continue;
      const th = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
      if (th === 'CrRendererMain' && e.pid === main.pid) continue;
      const m = byThread.get(th) ?? new Map<string, number>();
      m.set(e.name, (m.get(e.name) ?? 0) + e.dur);
      byThread.set(th, m);
    }
    rows.push(`  other threads, ${ms(from - nav.ts)} → ${ms(end - nav.ts)} (last main task at ${ms(lastMain.ts - nav.ts)}):`);
    for (const [th, m] of byThread) rows.push(`    ${th}: ${[...m].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, us]) => `${n} ${ms(us)}`).join(' | ')}`);
  }
  // Inclusive JS time by function up to the paint (INCLUSIVE=1; an unminified build names the components).
  if (process.env.INCLUSIVE) {
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const incl = new Map<string, number>();
    let ts = profile.startTime;
    for (let i = 0; i < profile.samples.length - 1; i++) {
      ts += profile.timeDeltas[i];
      if (ts < nav.ts || ts > end) continue;
      const dt = Math.min(profile.timeDeltas[i + 1], 1000);
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const f = byId.get(id)!.callFrame;
        if (!f.url) continue;
        const k = `${f.functionName || '(anon)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
        if (seen.has(k)) continue;
        incl.set(k, (incl.get(k) ?? 0) + dt);
        seen.add(k);
      }
    }
    rows.push('  inclusive JS time by function:', ...[...incl].sort((a, b) => b[1] - a[1]).slice(0, 130).map(([k, us]) => `    ${ms(us).padStart(6)}  ${k}`));
  }
  const fonts = on.filter((e) => /Font/.test(e.name) && e.ts < end);
  const byName = new Map<string, [number, number]>();
  for (const e of fonts) {
    const [n, us] = byName.get(e.name) ?? [0, 0];
    byName.set(e.name, [n + 1, us + e.dur!]);
  }
  // Font lookups are synchronous round trips to the browser process: those after the app's script began wait in its path.
  const appStart = on.find((e) => e.name === 'v8.evaluateModule')?.ts ?? end;
  const outer = (list: TraceEvent[]) => {
    let reach = 0;
    let us = 0;
    for (const e of list) {
      if (e.ts < reach) continue;
      us += e.dur!;
      reach = e.ts + e.dur!;
    }
    return us;
  };
  const platform = fonts.filter((e) => e.name === 'FontCache::GetFontPlatformData' || e.name === 'FontDataManager::onMatchFamilyStyle' || e.name === 'WebSandboxSupportLinux::GetWebFontRenderStyleForStrike');
  rows.push(`  font lookups before the app's script ${ms(outer(platform.filter((e) => e.ts < appStart)))} ms, after it began ${ms(outer(platform.filter((e) => e.ts >= appStart)))} ms (wall, outermost)`);
  if (process.env.FONTS_AFTER) for (const e of fonts.filter((f) => f.ts >= appStart && f.dur! > 300)) rows.push(`    after: ${ms(e.ts - nav.ts)} +${ms(e.dur!)} ${e.name} ${JSON.stringify(e.args ?? {}).slice(0, 120)}`);
  rows.push('  font events (count, wall ms incl. children):', ...[...byName].map(([n, [c, us]]) => `    ${c}× ${ms(us)} ms ${n}`));
  for (const e of fonts.filter((f) => f.args && Object.keys(f.args).length).slice(0, 40)) rows.push(`    ${ms(e.ts - nav.ts)} +${ms(e.dur!)} ${e.name} ${JSON.stringify(e.args).slice(0, 160)}`);
  return rows.join('\n');
}
