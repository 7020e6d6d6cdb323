/**
 * Test helper run as a separate process: reads a library over and over (opens
 * it, lists it, checks every page of every document is there and reads one)
 * until killed, as the app or the browser host would while an import runs
 * elsewhere. Any document listed but not whole is a failure: printed, exit 1.
 */
import { LibraryStore } from '../library-store.ts';

const [dir] = process.argv.slice(2);
let rounds = 0;
for (;;) {
  const store = new LibraryStore(dir);
  try {
    const tallies = new Map(store.pageTallies().map((t) => [t.id, t]));
    for (const doc of store.list()) {
      const t = tallies.get(doc.id);
      const page = store.page(doc.id, 1 + (rounds % doc.pageCount));
      if (!t || t.stored !== doc.pageCount || t.max !== doc.pageCount || !page) {
        process.stderr.write(`reader: ${doc.fileName} is listed with ${doc.pageCount} pages but ${t?.stored ?? 0} are stored\n`);
        process.exit(1);
      }
    }
  } finally {
    store.close();
  }
  if (++rounds === 1) process.stdout.write('reading\n');
  await new Promise((r) => setTimeout(r, 50));
}
