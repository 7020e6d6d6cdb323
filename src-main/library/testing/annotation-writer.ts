import { AnnotationService } from '../annotation-service.ts';
import { LibraryStore } from '../library-store.ts';

/**
 * Crash-test child (annotation-crash.test.ts): writes annotations in a loop
 * and acknowledges each on stdout only after its transaction has committed,
 * until it is killed. Usage: annotation-writer.ts LIBRARY_DIR DOC_ID RUN
 */
const [dir, docId, run] = process.argv.slice(2);
const store = new LibraryStore(dir);
const service = new AnnotationService(store);
const text = store.page(docId, 1)!.blocks.map((b) => b.text).join('\n');
for (let i = 0; ; i++) {
  const start = i % (text.length - 8);
  const a = service.create([{ docId, page: 1, start, end: start + 5 }], { note: `run ${run} note ${i} `.repeat(1 + (i % 40)), tags: [`run-${run}`], colour: 'green' }, 'crash test');
  // Every few writes, an edit too: updates must be all-or-nothing as well.
  if (i % 3 === 0) service.update(a.id, { tags: [`run-${run}`, 'edited'] });
  process.stdout.write(`${a.id}${i % 3 === 0 ? ' edited' : ''}\n`);
}
