/**
 * Test helper run as a separate process, several at once on one new library
 * folder: opens it (creating library.sqlite and search.sqlite if nobody has
 * yet), stores one small document of its own, brings the search index up to
 * date and closes, as a CLI import does. Errors go to stderr.
 */
import { LibraryStore, sha256 } from '../library-store.ts';
import { SearchService } from '../../search/search-service.ts';

const [dir, label] = process.argv.slice(2);
const store = new LibraryStore(dir);
const search = new SearchService(store);
try {
  const bytes = new TextEncoder().encode(`%PDF-1.4 original ${label}`);
  const id = sha256(bytes);
  const pending = store.begin(id, 'pdf', `${label}.pdf`, bytes.length);
  pending.addPage({ number: 1, width: 100, height: 200, items: [], images: [] }, { blocks: [], edits: [], photos: [] });
  store.storeOriginal(bytes);
  pending.commit({ newspaper: 'Race', date: '', page: null, edition: '', title: label });
  search.catchUpSync();
} finally {
  search.close();
  store.close();
}
