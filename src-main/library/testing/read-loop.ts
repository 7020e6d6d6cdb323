/**
 * Test helper run as a separate process: reads a library over and over (opens
 * it, lists it, reads every page of every document) until killed, as the app
 * or the browser host would while an import runs elsewhere. Any document that
 * is listed but cannot be read whole is a failure: printed, exit 1.
 */
import { LibraryStore } from '../library-store.ts';

const [dir] = process.argv.slice(2);
let rounds = 0;
for (;;) {
  const store = new LibraryStore(dir);
  try {
    for (const doc of store.list()) {
      for (let n = 1; n <= doc.pageCount; n++) {
        if (!store.page(doc.id, n)) {
          process.stderr.write(`reader: ${doc.fileName} is listed with ${doc.pageCount} pages but page ${n} is missing\n`);
          process.exit(1);
        }
      }
    }
  } finally {
    store.close();
  }
  if (++rounds === 1) process.stdout.write('reading\n');
  await new Promise((r) => setTimeout(r, 20));
}
