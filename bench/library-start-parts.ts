/**
 * node bench/library-start-parts.ts --library DIR [--runs 5]
 *
 * The host's side of the library's cold start, part by part, each run in a
 * fresh Node process (as when the app starts): Node itself up to the first
 * line of this script; the modules `broadsheet serve` loads; the library
 * opened (SQLite open, migrations checked, services started); the page's
 * start answers read the first time and again (the settings and the list's
 * first window: query time and bytes); and the whole list (`library.columns`,
 * what the renderer asks for after the first rows), with its size. Wall and
 * CPU time of this thread beside each; the load average beside the runs.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { library: { type: 'string' }, runs: { type: 'string', default: '5' }, child: { type: 'boolean', default: false } } });
if (!values.library) throw new Error('--library DIR (a library made by bench:library --library DIR)');

if (values.child) {
  const processStart = performance.timeOrigin;
  const parts: Array<[string, number, number | null]> = [['node start → script', Date.now() - processStart, null]];
  let t = performance.now();
  let c = process.cpuUsage();
  const part = (name: string) => {
    const cpu = process.cpuUsage(c);
    parts.push([name, performance.now() - t, (cpu.user + cpu.system) / 1000]);
    t = performance.now();
    c = process.cpuUsage();
  };
  const { openAppServices } = await import('../src-main/services/app-services.ts');
  const { createProcessor } = await import('../src-main/library/processor.ts');
  const { startAnswers } = await import('../src-main/host/index-page.ts');
  const { startAnswersBlock } = await import('../core/start-answers.ts');
  const { dispatch } = await import('../core/contract.ts');
  await import('../src-main/host/server.ts');
  part('modules loaded');
  const services = await openAppServices({ libraryDir: values.library, host: 'browser', version: 'bench', processor: createProcessor(), deferBackgroundMs: 3000 });
  part('library opened (SQLite, migrations, services)');
  const first = await startAnswers(services.handlers);
  part('start answers, first read');
  const block = startAnswersBlock(first, services.events.seq);
  await startAnswers(services.handlers);
  part('start answers, second read');
  const all = await dispatch(services.handlers, 'library.columns', {});
  part('whole list (library.columns)');
  const json = JSON.stringify(all);
  part('whole list JSON.stringify');
  console.log(JSON.stringify({ parts, blockBytes: Buffer.byteLength(block), listBytes: Buffer.byteLength(json) }));
  // Not services.close(): it waits for the background catch-ups, which the first screen never does.
  process.exit(0);
}

const runs: Array<{ parts: Array<[string, number, number | null]>; blockBytes: number; listBytes: number }> = [];
const load0 = loadavg()[0];
for (let i = 0; i < Number(values.runs); i++) {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', import.meta.filename, '--child', '--library', values.library], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${runs.length} fresh processes, load ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)} (2 cores); medians (range):`);
for (let p = 0; p < runs[0].parts.length; p++) {
  const wall = runs.map((r) => r.parts[p][1]).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.parts[p][2]);
  console.log(`  ${runs[0].parts[p][0].padEnd(46)} ${median(wall).toFixed(1).padStart(7)} ms (${wall[0].toFixed(0)}–${wall.at(-1)!.toFixed(0)})  CPU ${cpu[0] === null ? '   –' : median(cpu as number[]).toFixed(1).padStart(6)} ms`);
}
console.log(`  start answers in the page: ${runs[0].blockBytes} bytes; whole list as JSON: ${runs[0].listBytes} bytes`);
