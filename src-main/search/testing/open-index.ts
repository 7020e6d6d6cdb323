/** Test helper run as a separate process: opens a library's search index, says why it was (re)made, closes it. */
import { SearchIndex } from '../search-index.ts';

process.stdout.write('opening\n');
const index = new SearchIndex(process.argv[2]);
process.stdout.write(`opened ${index.resetReason}\n`);
index.close();
