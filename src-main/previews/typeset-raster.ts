import { Worker } from 'node:worker_threads';

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
  private worker: Worker | null = null;
  private broken = false;
  private next = 1;
  private readonly waiting = new Map<number, (out: Uint8Array | string | null) => void>();
  /** One page at a time: the worker keeps one document open, and a second one would close it mid-render. */
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly workerUrl: URL | string;

  constructor(workerUrl: URL | string = DEFAULT_RASTER_WORKER_URL) {
    this.workerUrl = workerUrl;
  }

  /** Page `page` of the PDF at `file`, `width` pixels across, as JPEG bytes; a string says why it failed; null: no renderer here. */
  render(file: string, page: number, width: number, quality: number): Promise<Uint8Array | string | null> {
    const run = this.queue.then(() => this.send(file, page, width, quality));
    this.queue = run.catch(() => null);
    return run;
  }

  private send(file: string, page: number, width: number, quality: number): Promise<Uint8Array | string | null> {
    const worker = this.start();
    if (!worker) return Promise.resolve(null);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const job = this.next++;
    return new Promise<Uint8Array | string | null>((resolve) => {
      this.waiting.set(job, resolve);
      worker.postMessage({ job, file, page, width, quality });
    }).finally(() => {
      if (this.waiting.size === 0 && this.worker) (this.idleTimer = setTimeout(() => this.stop(false), IDLE_MS)).unref();
    });
  }

  private start(): Worker | null {
    if (this.broken) return null;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
      worker.unref();
      let started = false;
      worker.on('message', (msg: { ready?: true; job: number; jpeg?: Uint8Array; error?: string; unavailable?: string }) => {
        if (msg.ready) return void (started = true);
        const done = this.waiting.get(msg.job);
        this.waiting.delete(msg.job);
        if (msg.unavailable) {
          done?.(null);
          off(msg.unavailable);
        } else done?.(msg.jpeg ?? `pdf.js could not draw the page: ${msg.error ?? 'no reason given'}`);
      });
      const fail = (why: string) => {
        if (this.broken || this.worker !== worker) return;
        // Once started, the worker died drawing a page (out of memory on a hostile one): that page has no preview, and
        // the next page gets a fresh worker. Before, this installation cannot draw pages: the reader's pdf.js does.
        if (started) {
          for (const done of this.waiting.values()) done(`pdf.js could not draw the page: ${why}`);
          this.waiting.clear();
          this.stop(false);
          return;
        }
        off(why);
      };
      const off = (why: string) => {
        if (this.broken || this.worker !== worker) return;
        console.error(`typeset previews off: ${why}`);
        this.stop(true);
      };
      worker.on('error', (err) => fail(err.message.split('\n')[0]));
      worker.on('exit', (code) => code !== 0 && fail(`worker exited with ${code}`));
      return (this.worker = worker);
    } catch (err) {
      console.error(`typeset previews off: ${(err as Error).message.split('\n')[0]}`);
      this.broken = true;
      return null;
    }
  }

  private stop(broken: boolean): void {
    this.broken ||= broken;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    for (const done of this.waiting.values()) done(null);
    this.waiting.clear();
    void worker?.terminate();
  }

  close(): void {
    this.stop(true);
  }
}
