/**
 * npx node bench/link-snippets.bench.ts --library DIR [--file 1918]
 *
 * photos.linkSnippets (the first words of the paragraphs a page's photos link
 * to) on the largest page of the library (or of the documents whose file name
 * contains --file), e.g. the 1918 LoC page of a library
 * made by `./bin/broadsheet import --library DIR ../shared/pdfs/loc/*.pdf`.
 * Baseline, in the same run: the handler as it was, a whole corrected page
 * model a page (AnnotationService.page: raw items and every block's offset
 * map), from a fresh service each time (cold, as the first call for a page
 * is) and from a warm one (its cache of the last four pages).
 */
import { parseArgs } from 'node:util';
import { paragraphSnippet } from '../core/photos/paragraph-snippet.ts';
import { pageOfBlock } from '../core/page-model.ts';
import { AnnotationService } from '../src-main/library/annotation-service.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { EventBus } from '../src-main/services/event-bus.ts';
import { createHandlers } from '../src-main/services/handlers.ts';
import { inThreadProcessor } from '../src-main/library/in-thread-processor.ts';
import { cpuMs, loadAverage, median } from './support/stats.ts';

const { values } = parseArgs({ options: { library: { type: 'string' }, file: { type: 'string', default: '' }, runs: { type: 'string', default: '15' } } });
if (!values.library) throw new Error('usage: npx node bench/link-snippets.bench.ts --library DIR');
const store = new LibraryStore(values.library);
const found = store.db
  .prepare(
    `SELECT p.doc_id AS id, p.number AS page, length(p.raw) + length(p.cleaned) AS size FROM pages p JOIN documents d ON d.id = p.doc_id
     WHERE instr(d.file_name, ?) > 0 ORDER BY size DESC LIMIT 1`,
  )
  .get(values.file) as { id: string; page: number; size: number } | undefined;
if (!found) throw new Error(`no page in ${values.library}${values.file ? ` of a file named like ${values.file}` : ''}`);
const largest = found;
const doc = store.get(largest.id)!;
// The paragraphs its photos link to, else its first paragraphs: what the photos panel asks for.
const model = store.page(largest.id, largest.page)!;
let blocks = [...new Set(model.photos.flatMap((p) => p.links.map((l) => l.block)))];
if (!blocks.length) blocks = model.blocks.filter((b) => b.kind === 'paragraph').slice(0, 8).map((b) => b.id);
const handlers = createHandlers({ store, events: new EventBus(), processor: inThreadProcessor, host: 'browser', version: 'bench' });

/** The handler before: whole corrected page models. */
function before(service: AnnotationService): Record<string, string> {
  const out: Record<string, string> = {};
  for (const page of new Set(blocks.map((b) => pageOfBlock(b)!))) {
    const m = page <= doc.pageCount ? service.page(largest.id, page) : null;
    for (const b of m?.blocks ?? []) if (blocks.includes(b.id)) out[b.id] = paragraphSnippet(b.text);
  }
  return out;
}
const after = () => handlers['photos.linkSnippets']({ id: largest.id, blocks }) as Record<string, string>;

const expected = JSON.stringify(before(new AnnotationService(store)));
if (JSON.stringify(after()) !== expected) throw new Error('the handler and the baseline give different snippets');
const warm = new AnnotationService(store);
const cases: Record<string, () => unknown> = {
  'before, cold (fresh AnnotationService)': () => before(new AnnotationService(store)),
  'before, warm (page cached)': () => before(warm),
  'after (photos.linkSnippets)': () => after(),
};
const times: Record<string, { wall: number[]; cpu: number[] }> = Object.fromEntries(Object.keys(cases).map((k) => [k, { wall: [], cpu: [] }]));
for (let r = 0; r < Number(values.runs); r++)
  for (const [name, run] of Object.entries(cases)) {
    const t = performance.now();
    const c = process.cpuUsage();
    run();
    times[name].wall.push(performance.now() - t);
    times[name].cpu.push(cpuMs(c));
  }
console.log(`photos.linkSnippets on ${doc.fileName} page ${largest.page} (${(largest.size / 1e6).toFixed(1)} MB stored), ${blocks.length} blocks, ${values.runs} runs alternated; load average ${loadAverage()}`);
for (const [name, t] of Object.entries(times)) console.log(`  ${name.padEnd(40)} median ${median(t.wall).toFixed(2)} ms wall, ${median(t.cpu).toFixed(2)} ms CPU`);
store.close();
