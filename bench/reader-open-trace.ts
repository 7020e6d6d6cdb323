/**
 * node bench/reader-open-trace.ts [--runs 4] [--library DIR] FILE.pdf…
 *
 * Where a reader's first paint goes: imports the files (or reuses --library),
 * then opens each one cold (fresh page load, settled on another document,
 * then a click in the library) under a Chromium trace, and prints the
 * renderer main thread's self time by event (script, style recalculation,
 * layout, paint…) from the click to the first paint (the preview, or pdf.js's
 * page), with the longest single events: what to cut to reach bench:reader's
 * ≤ 150 ms. Wall and main-thread time side by side, as the machine is shared.
 * With --turns, the turns to each next page of the (multi-page) files instead.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DocumentSummary } from '../core/library-model.ts';
import { launchBenchBrowser } from './support/bench-browser.ts';
import { selfTimes, type TraceEvent } from './support/trace-events.ts';
import { cliImport, ROOT, startHostProcess } from '../e2e/support/host-process.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '4' }, library: { type: 'string' }, turns: { type: 'boolean', default: false } } });
const files = positionals.length ? positionals : [join(ROOT, 'assets', 'sample', 'evening-star-1918-09-01-p1.pdf')];
const startFile = join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf');
let library = values.library;
if (!library) {
  library = mkdtempSync(join(tmpdir(), 'broadsheet-open-trace-'));
  cliImport(library, [startFile, ...files]);
}
const host = await startHostProcess(library);
const browser = await launchBenchBrowser();

try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(host.url);
  const api = async <T>(name: string, params: object = {}): Promise<T> =>
    ((await (await page.request.post(new URL(`api/${name}`, page.url()).href, { data: params })).json()) as { result: T }).result;
  const docs = await api<DocumentSummary[]>('library.list');
  const byFile = (f: string) => docs.find((d) => d.fileName === basename(f))!;
  for (const f of files)
    for (let t0 = Date.now(); (await api<{ preview: string }>('document.pageView', { id: byFile(f).id, page: 1 })).preview === 'pending'; )
      if (Date.now() - t0 > 180_000) throw new Error('no preview in 3 minutes');
      else await new Promise((r) => setTimeout(r, 250));
  const entry = (p: Page, d: DocumentSummary) => p.getByRole('region', { name: 'Library', exact: true }).getByRole('button', { name: d.title || d.fileName });
  const clickAndWait = async (p: Page, d: DocumentSummary) =>
    p.evaluate(
      ([el, id]) =>
        new Promise<{ t: number; first: number }>((resolve, reject) => {
                    setTimeout(() => reject(new Error('no paint within 30 s')), 30_000);
          const t = performance.now();
          const on = (e: Event) => {
            const det = (e as CustomEvent<{ docId: string }>).detail;
            if (det.docId !== id) return;
            removeEventListener('broadsheet:page-preview-painted', on);
            removeEventListener('broadsheet:page-painted', on);
            resolve({ t, first: performance.now() - t });
          };
          addEventListener('broadsheet:page-preview-painted', on);
          addEventListener('broadsheet:page-painted', on);
          (el as HTMLElement).click();
        }),
      [await entry(p, d).elementHandle(), d.id] as const,
    );
  const traced = async (act: () => Promise<{ t: number; first: number }>, label: string) => {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', ...(process.env.TRACE_MORE ? process.env.TRACE_MORE.split(',') : [])] });
    // PROFILE=1: V8's samples too, as for an open (below).
    const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const { t, first } = await act();
    await page.waitForTimeout(200);
    const profile = cdp ? ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile : null;
    const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    if (profile) console.log(jsSelfTimes(profile, events, first));
    const marks = await page.evaluate((t0) => performance.getEntriesByType('mark').filter((m) => m.startTime >= t0 - 1 && m.name.startsWith('broadsheet:')).map((m) => `${(m.startTime - t0).toFixed(0)} ${m.name.slice(11)}`), t);
    console.log(`\n${label}: first paint ${first.toFixed(0)} ms   load ${loadavg()[0].toFixed(2)}`);
    console.log(`  marks: ${marks.join(', ')}`);
    console.log(summarise(events, first));
  };
  if (values.turns)
    for (const f of files) {
      const target = byFile(f);
      for (let run = 0; run < Number(values.runs); run++) {
        await page.goto(host.url);
        await page.locator('canvas[data-painted]').first().waitFor({ timeout: 60_000 });
        if ((await entry(page, target).getAttribute('aria-current')) === 'true') await clickAndWait(page, byFile(startFile));
        await clickAndWait(page, target);
        for (let n = 2; n <= target.pageCount; n++) {
          // A reader looks at a page a moment before turning: its neighbours are fetched meanwhile.
          await page.waitForTimeout(1500);
          const handle = await page.getByRole('button', { name: 'Next page' }).elementHandle();
          await traced(
            () =>
              page.evaluate(
                ([el, id, n]) =>
                  new Promise<{ t: number; first: number }>((resolve) => {
                    const t = performance.now();
                    const on = (e: Event) => {
                      const d = (e as CustomEvent<{ docId: string; page: number }>).detail;
                      if (d.docId === id && d.page === n) resolve({ t, first: performance.now() - t });
                    };
                    addEventListener('broadsheet:page-preview-painted', on);
                    addEventListener('broadsheet:page-painted', on);
                    performance.mark('trace:click');
                    (el as HTMLElement).click();
                  }),
                [handle, target.id, n] as const,
              ),
            `${basename(f)} run ${run} turn to p${n}`,
          );
        }
      }
    }
  else for (const f of files) {
    const target = byFile(f);
    // Each open starts from the CJK fixture: opening it from itself would paint nothing.
    if (target.id === byFile(startFile).id) {
      console.log(`${basename(f)}: skipped, it is the document each open starts from`);
      continue;
    }
    for (let run = 0; run < Number(values.runs); run++) {
      await page.goto(host.url);
      await page.locator('canvas[data-painted]').first().waitFor({ timeout: 60_000 });
      const start = byFile(startFile);
      if ((await entry(page, start).getAttribute('aria-current')) !== 'true') {
        await clickAndWait(page, start);
        await page.waitForTimeout(1500);
      }
      await page.waitForTimeout(300);
      await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', ...(process.env.TRACE_MORE ? process.env.TRACE_MORE.split(',') : [])] });
      const handle = await entry(page, target).elementHandle();
      // PROFILE=1: V8's samples too (build with BROADSHEET_MINIFY=0 for names), self time by function up to the first paint.
      const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const { t, first } = await page.evaluate(
        async ([el, id]) => {
          return new Promise<{ t: number; first: number }>((resolve) => {
            const t = performance.now();
            const on = (e: Event) => {
              if ((e as CustomEvent<{ docId: string }>).detail.docId !== id) return;
              resolve({ t, first: performance.now() - t });
            };
            addEventListener('broadsheet:page-preview-painted', on);
            addEventListener('broadsheet:page-painted', on);
            performance.mark('trace:click');
            (el as HTMLElement).click();
          });
        },
        [handle, target.id] as const,
      );
      await page.waitForTimeout(200);
      const profile = cdp ? ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile : null;
      const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
      const marks = await page.evaluate((t0) => performance.getEntriesByType('mark').filter((m) => m.startTime >= t0 - 1 && m.name.startsWith('broadsheet:')).map((m) => `${(m.startTime - t0).toFixed(0)} ${m.name.slice(11)}`), t);
      console.log(`\n${basename(f)} run ${run}: first paint ${first.toFixed(0)} ms   load ${loadavg()[0].toFixed(2)}`);
      console.log(`  marks: ${marks.join(', ')}`);
      console.log(summarise(events, first));
      if (profile) console.log(jsSelfTimes(profile, events, first));
    }
  }
} finally {
  await browser.close();
  await host.stop();
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** V8 self time by function from the click mark to the first paint (profile and trace share the monotonic clock). */
function jsSelfTimes(profile: CpuProfile, events: TraceEvent[], until: number): string {
  const click = events.find((e) => e.name === 'trace:click');
  if (!click) return '';
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (t < click.ts || t > click.ts + until * 1000) continue;
    const f = byId.get(profile.samples[i])!.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    const k = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(k, (self.get(k) ?? 0) + dt);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `    js self ${(us / 1000).toFixed(1).padStart(6)} ms  ${k}`).join('\n');
}

/** Self time by event name on the renderer main thread from the click mark to `until` ms after it, and the long events. */
function summarise(events: TraceEvent[], until: number): string {
  const click = events.find((e) => e.name === 'trace:click');
  if (!click) return '  (no click mark in the trace)';
  const on = events.filter((e) => e.pid === click.pid && e.tid === click.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const from = click.ts;
  const end = from + until * 1000;
  const self = selfTimes(on, from, end).wall;
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  // CPU: the thread time of the outermost events in the window (a descheduled thread's wall time counts in `busy`).
  let cpu = 0;
  let until2 = 0;
  for (const e of on)
    if (e.ts >= from && e.ts < end && e.ts >= until2) {
      cpu += e.tdur ?? 0;
      until2 = e.ts + e.dur!;
    }
  const rows = [`  main thread busy, click → first paint: ${(busy / 1000).toFixed(0)} ms wall, ${(cpu / 1000).toFixed(0)} ms CPU`];
  for (const [n, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8)) rows.push(`    self ${(us / 1000).toFixed(1).padStart(6)} ms  ${n}`);
  const detail = (e: TraceEvent) => {
    const d = e.args?.beginData ?? e.args?.data ?? {};
    const keep = ['elementCount', 'dirtyObjects', 'totalObjects', 'functionName', 'url', 'type', 'stackTrace'];
    return keep.filter((k) => d[k] !== undefined && k !== 'stackTrace').map((k) => `${k}=${String(d[k]).replace(/^.*\//, '')}`).join(' ');
  };
  for (const e of on)
    if (e.ts >= from - 5000 && e.ts < end && e.dur! > 4000 && ['Layout', 'UpdateLayoutTree', 'FunctionCall', 'RunMicrotasks', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'Paint', 'PrePaint', 'Layerize', 'v8.run', 'ParseHTML', 'Decode Image', 'ImageDecodeTask', 'RunTask'].includes(e.name))
      rows.push(`    ${((e.ts - from) / 1000).toFixed(0).padStart(5)} +${(e.dur! / 1000).toFixed(1).padStart(5)} ms  ${e.name} ${detail(e)}`);
  // With TRACE_MORE=disabled-by-default-devtools.timeline.invalidationTracking: what made layout and style dirty.
  const why = new Map<string, number>();
  for (const e of events)
    if (e.pid === click.pid && e.ts >= from && e.ts < end && /InvalidationTracking/.test(e.name)) {
      const d = (e.args?.data ?? {}) as { nodeName?: string; reason?: string; invalidationSet?: unknown; changedClass?: string; changedAttribute?: string };
      const k = `${e.name} ${d.reason ?? ''} ${d.nodeName ?? ''} ${d.changedClass ?? ''}${d.changedAttribute ?? ''}`;
      why.set(k, (why.get(k) ?? 0) + 1);
    }
  for (const [k, n] of [...why].sort((a, b) => b[1] - a[1]).slice(0, 25)) rows.push(`    ×${n} ${k}`);
  return rows.join('\n');
}
