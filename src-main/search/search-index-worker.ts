import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import type { CleanedPage } from '../../core/page-model.ts';
import { joinRawPage } from '../library/raw-items-codec.ts';
import { shrinkHeapIfSlack } from '../extract/worker-gc.ts';
import { pageInput } from './page-input.ts';
import { SearchIndex, type IndexPageInput } from './search-index.ts';
import { answerRequests } from '../workers/answer-requests.ts';
import type { SearchIndexRequest } from './search-index-thread.ts';

/**
 * Writes the search index off the main thread (search-index-thread.ts):
 * the very SearchIndex methods the main thread ran, over this thread's own
 * connection to search.sqlite, one request at a time in the order they were
 * sent, so a correction sent after a batch is written after it. Pages of
 * documents not streamed here are read from the library through a
 * read-only connection of this thread's (WAL: what the main thread
 * committed is visible).
 */

const { libraryDir, libraryFile, busyTimeoutMs } = workerData as { libraryDir: string; libraryFile: string; busyTimeoutMs: number };
const index = new SearchIndex(libraryDir);
let library: DatabaseSync | null = null;

/** Pages 1..count of a document as stored in the library (what SearchService.storedPages reads on its thread). */
function* storedPages(id: string, count: number): Generator<IndexPageInput> {
  library ??= new DatabaseSync(libraryFile, { readOnly: true, timeout: busyTimeoutMs });
  if (!library.prepare('SELECT 1 FROM documents WHERE id = ?').get(id)) return;
  const read = library.prepare('SELECT raw, raw_items, cleaned FROM pages WHERE doc_id = ? AND number = ?');
  for (let n = 1; n <= count; n++) {
    const row = read.get(id, n) as { raw: string; raw_items: Uint8Array | null; cleaned: string } | undefined;
    if (row) yield pageInput({ ...joinRawPage(row.raw, row.raw_items, `document ${id} page ${n}`), ...(JSON.parse(row.cleaned) as CleanedPage) });
  }
}

/** Runs a sliced write to its end: its slices still commit apart, so other processes' writers get their turns. */
function drain(steps: Generator<void>): void {
  for (const _ of steps) {
    // Nothing to yield to on this thread: the next request waits its turn in the port's queue.
  }
}

function run(msg: SearchIndexRequest): void {
  switch (msg.type) {
    case 'stream':
      return index.streamPages(msg.doc, msg.pages);
    case 'drop':
      return index.dropStreamed(msg.doc);
    case 'document':
      // Streamed here: the pages it had not sent complete it. Otherwise (or if its streamed rows are gone) read whole from the library.
      if (msg.rest && index.isStreaming(msg.doc)) return drain(index.finishStreamedSteps(msg.doc, msg.rest, msg.pageCount));
      index.endStreaming(msg.doc);
      return drain(index.indexDocumentSteps(msg.doc, storedPages(msg.doc, msg.pageCount), msg.pageCount));
    case 'page':
      return index.indexPage(msg.doc, msg.page, msg.blocks, msg.opts);
    case 'remove':
      return index.removeDocument(msg.doc);
    case 'matched':
      return index.setMatchedLibrary(msg.stamp);
    case 'settled':
      return;
  }
}

/** Heap V8 may leave committed beyond what is in use before this thread gives it back (worker-gc.ts). */
const SLACK_BYTES = 32 * 1024 * 1024;

answerRequests(run, {
  // A batch's text, folded and split into terms, is a few MB of short-lived strings: give the pages back when they pile up.
  after: (msg) => {
    if (msg.type === 'stream' || msg.type === 'document') shrinkHeapIfSlack(SLACK_BYTES);
  },
  // SearchIndexThread.close: after every write asked for.
  onClose: () => {
    index.close();
    library?.close();
  },
});
