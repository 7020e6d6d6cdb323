import { WorkerClient, type WorkerError } from '../workers/worker-client.ts';
import type { RasterRequest } from './typeset-raster-worker.ts';

/**
 * Previews of typeset pages (no scanned JPEG to take out of the PDF): pdf.js
 * draws the page in a worker thread (typeset-raster-worker.ts, @napi-rs/canvas)
 * and encodes it as a JPEG, one page at a time, in the background after an
 * import. In the reader, pdf.js drawing such a page itself took 99–168 ms from
 * click to first paint (bench:reader, CJK fixture), over the 150 ms goal on a
 * loaded machine; the cached picture paints like a scan's preview.
 *
 * The worker holds pdf.js and one open document (~100–180 MB): it is let go
 * after IDLE_MS without work, so memory is that only while previews are being
 * made. If it cannot start (no @napi-rs/canvas for this platform) or dies,
 * `render` answers null and the page is drawn by the reader's pdf.js as before.
 */
export const DEFAULT_RASTER_WORKER_URL = new URL('./typeset-raster-worker.ts', import.meta.url);
const IDLE_MS = 5000;
/** pdf.js's heap in the worker: a hostile or broken page that needs more ends its worker, not the app. */
const HEAP_MB = 512;

export class TypesetRaster {
  private readonly worker: WorkerClient<RasterRequest, Uint8Array>;

  constructor(workerUrl: URL | string = DEFAULT_RASTER_WORKER_URL) {
    this.worker = new WorkerClient({
      name: 'typeset preview worker',
      url: workerUrl,
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
      idleMs: IDLE_MS,
      // One page at a time: the worker keeps one document open, and a second one would close it mid-render.
      oneAtATime: true,
      // Once started, a worker that dies drew a page to death (out of memory on a hostile one): that page has no
      // preview, and the next page gets a fresh worker. Before, this installation cannot draw pages: the reader's pdf.js does.
      restart: true,
      errorPrefix: 'pdf.js could not draw the page: ',
      onOff: (why) => console.error(`typeset previews off: ${why}`),
    });
  }

  /** Page `page` of the PDF at `file`, `width` pixels across, as JPEG bytes; a string says why it failed; null: no renderer here. */
  render(file: string, page: number, width: number, quality: number): Promise<Uint8Array | string | null> {
    return this.worker.request({ file, page, width, quality }).catch((err: WorkerError) => {
      if (err.kind === 'off') return null;
      return err.kind === 'died' ? `pdf.js could not draw the page: ${err.reason}` : err.message;
    });
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
