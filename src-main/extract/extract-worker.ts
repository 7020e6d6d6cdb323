import { parentPort } from 'node:worker_threads';
import { cleanPage, cleanPageWithAlto } from '../../core/cleaning/clean-page.ts';
import { extractPages, warmUp, type ExtractOptions, type PdfInfo } from './extract-pdf.ts';
import { PAGES_IN_FLIGHT, type FromWorker, type SourceFormat, type ToWorker } from './extract-protocol.ts';
import { ProcessedPage } from './processed-page.ts';
import { textDumpRawPages } from './text-dump-pages.ts';
import { PageCollector } from './worker-gc.ts';
import { linkLonePage } from './link-lone-page.ts';

/** Runs pdf.js off the main thread; one job at a time, pages streamed back as they are done. */

const port = parentPort;
if (!port) throw new Error('extract-worker.ts must run as a worker thread');

let currentJob = -1;
let credits = 0;
let wake: (() => void) | null = null;
const collector = new PageCollector();

function send(msg: FromWorker): void {
  port!.postMessage(msg, msg.type === 'processed' ? ProcessedPage.transferables(msg.page) : []);
}

async function run(job: number, data: Uint8Array, opts: ExtractOptions, clean: boolean, format: SourceFormat, alto?: string, processed = false, linkLone = false): Promise<void> {
  currentJob = job;
  credits = PAGES_IN_FLIGHT;
  let count = 0;
  let info: PdfInfo = {};
  let photosLinked = false;
  try {
    const pages = format === 'text' ? textDumpRawPages(data) : extractPages(data, opts, (i) => send({ type: 'opened', job, info: (info = i) }));
    for await (const page of pages) {
      while (credits <= 0) await new Promise<void>((r) => (wake = r));
      credits--;
      // Cleaning runs here too, so that neither Electron's main thread nor the host's event loop pays for it.
      let cleaned = clean || processed ? (alto ? cleanPageWithAlto(page, alto) : cleanPage(page)) : undefined;
      // A one-page document: its photos can only link to this page's paragraphs, all in hand (link-lone-page.ts).
      if (cleaned && processed && linkLone && format === 'pdf' && info.pageCount === 1 && !opts.pages && !opts.shard) {
        cleaned = linkLonePage(page, cleaned);
        photosLinked = true;
      }
      // A processed page crosses as the JSON text the library stores (processed-page.ts).
      send(processed ? { type: 'processed', job, page: ProcessedPage.toWire(page, cleaned) } : { type: 'page', job, page, cleaned });
      count++;
      collector.page();
    }
    send({ type: 'done', job, pageCount: count, info, ...(photosLinked ? { photosLinked } : {}) });
  } catch (err) {
    send({ type: 'error', job, message: err instanceof Error ? err.message : String(err) });
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'ack') {
    if (msg.job !== currentJob) return;
    credits++;
    const w = wake;
    wake = null;
    w?.();
  } else if (msg.type === 'warm') {
    // A failure here is the first document's to report: it loads the same modules and says why they did not.
    warmUp().catch(() => {});
  } else if (msg.type === 'extract') {
    // Collected once run's frame, and with it the document's bytes, is gone.
    void run(msg.job, msg.data, msg.opts, msg.clean, msg.format ?? 'pdf', msg.alto, msg.processed, msg.linkLonePage).then(() => collector.end());
  }
});
