/**
 * Imports the given files N times over (each time into a fresh library) with
 * the worker pool, for profiling the steady state:
 *   node --cpu-prof --cpu-prof-dir=DIR bench/ingest-repeat.ts [--repeat N] [--workers N] FILE...
 * Prints CPU and wall time of the repeats (the first, cold, round excluded).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFiles } from '../src-main/library/import-service.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { createProcessor } from '../src-main/library/processor.ts';
import { usageMs } from './support/stats.ts';

const { values, positionals } = parseArgs({ options: { repeat: { type: 'string', default: '5' }, workers: { type: 'string', default: '1' } }, allowPositionals: true });
const processor = createProcessor({ workers: Number(values.workers) });
let cpu = process.cpuUsage();
let started = performance.now();
for (let r = 0; r <= Number(values.repeat); r++) {
  if (r === 1) {
    cpu = process.cpuUsage();
    started = performance.now();
  }
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-'));
  const store = new LibraryStore(dir);
  for (const file of positionals) {
    const [res] = await importFiles(store, processor, [{ name: basename(file), bytes: readFileSync(file) }]);
    if (res.status !== 'imported') throw new Error(`${file}: ${res.error}`);
  }
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ perRoundMs: (performance.now() - started) / Number(values.repeat), perRoundCpuMs: usageMs(used) / Number(values.repeat) }));
await processor.close();
