/**
 * Test helper run as a separate process: begins an import of one document
 * with N pages into a library, says "staged" on stdout, and commits when it
 * reads a line on stdin (or waits to be killed).
 */
import { createInterface } from 'node:readline';
import { LibraryStore, sha256 } from '../library-store.ts';

const [dir, label, pages] = process.argv.slice(2);
const bytes = new TextEncoder().encode(`%PDF-1.4 original ${label}`);
const id = sha256(bytes);
const store = new LibraryStore(dir);
const pending = store.begin(id, 'pdf', 'held.pdf', 1);
for (let n = 1; n <= Number(pages); n++) {
  pending.addPage({ number: n, width: 100, height: 200, items: [], images: [] }, { blocks: [], edits: [], photos: [] });
}
store.storeOriginal(bytes);
process.stdout.write(`staged ${id}\n`);
createInterface({ input: process.stdin }).once('line', () => {
  pending.commit({ newspaper: 'Held', date: '', page: null, edition: '', title: '' });
  store.close();
  process.stdout.write('committed\n');
  process.exit(0);
});
