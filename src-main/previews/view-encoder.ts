import { Worker } from 'node:worker_threads';

/**
 * One worker thread that encodes stored pages' compact views
 * (view-encoder-worker.ts), one page at a time, for the previews' background
 * pass. If the worker cannot start or dies, `encode` answers undefined and
 * the caller encodes in-thread as before: slower for the reader meanwhile,
 * never a missing page.
 */
export const DEFAULT_VIEW_WORKER_URL = new URL('./view-encoder-worker.ts', import.meta.url);

export class ViewEncoder {
  private worker: Worker | null = null;
  private broken = false;
  private next = 1;
  private readonly waiting = new Map<number, (wire: string | null | undefined) => void>();

  private readonly dbPath: string;
  private readonly workerUrl: URL | string;

  constructor(dbPath: string, workerUrl: URL | string = DEFAULT_VIEW_WORKER_URL) {
    this.dbPath = dbPath;
    this.workerUrl = workerUrl;
  }

  /** The page's view as stored text, null if the page is not stored, undefined if the worker could not do it. */
  encode(docId: string, page: number): Promise<string | null | undefined> {
    const worker = this.start();
    if (!worker) return Promise.resolve(undefined);
    const job = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(job, resolve);
      worker.postMessage({ job, docId, page });
    });
  }

  private start(): Worker | null {
    if (this.broken) return null;
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.workerUrl, { workerData: { dbPath: this.dbPath } });
      worker.unref();
      worker.on('message', (msg: { job: number; wire?: string | null; error?: string }) => {
        const done = this.waiting.get(msg.job);
        this.waiting.delete(msg.job);
        done?.(msg.error ? undefined : (msg.wire ?? null));
      });
      const fail = (why: string) => {
        if (this.broken) return;
        console.error(`page views: encoding in the main thread (${why})`);
        this.stop(true);
      };
      worker.on('error', (err) => fail(err.message.split('\n')[0]));
      worker.on('exit', (code) => code !== 0 && fail(`worker exited with ${code}`));
      return (this.worker = worker);
    } catch (err) {
      console.error(`page views: encoding in the main thread (${(err as Error).message.split('\n')[0]})`);
      this.broken = true;
      return null;
    }
  }

  private stop(broken: boolean): void {
    this.broken ||= broken;
    const worker = this.worker;
    this.worker = null;
    for (const done of this.waiting.values()) done(undefined);
    this.waiting.clear();
    void worker?.terminate();
  }

  close(): void {
    this.stop(false);
  }
}
