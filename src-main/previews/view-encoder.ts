import { WorkerClient } from '../workers/worker-client.ts';
import type { ViewRequest } from './view-encoder-worker.ts';

/**
 * One worker thread that encodes stored pages' compact views
 * (view-encoder-worker.ts), one page at a time, for the previews' background
 * pass. If the worker cannot start or dies, `encode` answers undefined and
 * the caller encodes in-thread as before: slower for the reader meanwhile,
 * never a missing page.
 */
export const DEFAULT_VIEW_WORKER_URL = new URL('./view-encoder-worker.ts', import.meta.url);

export class ViewEncoder {
  private readonly worker: WorkerClient<ViewRequest, string | null>;

  constructor(dbPath: string, workerUrl: URL | string = DEFAULT_VIEW_WORKER_URL) {
    this.worker = new WorkerClient({
      name: 'page view worker',
      url: workerUrl,
      workerData: { dbPath },
      onOff: (why) => console.error(`page views: encoding in the main thread (${why})`),
    });
  }

  /** The page's view as stored text, null if the page is not stored, undefined if the worker could not do it. */
  encode(docId: string, page: number): Promise<string | null | undefined> {
    return this.worker.request({ docId, page }).catch(() => undefined);
  }

  /** Resolves once the worker has ended, its read-only connection to the library closed with it. */
  close(): Promise<void> {
    return this.worker.close();
  }
}
