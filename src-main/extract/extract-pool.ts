import { availableParallelism } from 'node:os';
import { Worker, isMarkedAsUntransferable } from 'node:worker_threads';
import type { CleanedPage, RawPage } from '../../core/page-model.ts';
import type { ExtractOptions, PdfInfo } from './extract-pdf.ts';
import type { FromWorker, SourceFormat, ToWorker } from './extract-protocol.ts';
import { ProcessedPage } from './processed-page.ts';

/**
 * A small worker_threads pool so pdf.js never blocks the main thread (Electron
 * main or the browser host) and two files extract at once on two cores.
 */

/** `cleaned` is given when the job was started with `{ clean: true }`. */
export type PageHandler = (page: RawPage, cleaned?: CleanedPage) => void | Promise<void>;

export interface ExtractPool {
  /**
   * Extracts every page, calling onPage in page order, one at a time. The
   * buffer behind `data` is transferred to the worker and unusable afterwards
   * (views into larger buffers and Node's untransferable Buffer memory are copied instead;
   * a whole SharedArrayBuffer is shared as it is, and must not change until the job settles).
   * Rejects with the extractor's one-line reason ("not a PDF: …").
   */
  extract(
    data: Uint8Array,
    onPage: PageHandler,
    /** `alto`: the ALTO XML that came with a PDF, for cleaning to take the layout from. */
    opts?: ExtractOptions & { clean?: boolean; format?: SourceFormat; alto?: string; onOpen?: (info: PdfInfo) => void },
  ): Promise<{ pageCount: number; info: PdfInfo }>;
  /**
   * As extract with `clean`, but each page comes as the JSON text the
   * library stores, made in the worker (processed-page.ts): the main thread
   * neither deserializes nor re-serializes the page models.
   */
  extractProcessed(
    data: Uint8Array,
    onPage: (page: ProcessedPage) => void | Promise<void>,
    opts?: ExtractOptions & { format?: SourceFormat; alto?: string; onOpen?: (info: PdfInfo) => void; linkLonePage?: boolean },
  ): Promise<{ pageCount: number; info: PdfInfo; photosLinked?: boolean }>;
  /** Workers the pool runs at most: how many documents are worth extracting at once. */
  readonly size: number;
  /**
   * Starts up to `workers` workers now (at most `size`), each loading pdf.js and pdf-lib before any
   * document comes. A one-file `broadsheet import` calls it first thing: the worker's start-up (a
   * second V8 isolate, its modules, pdf.js) then runs on the other core while the main thread loads
   * its own modules and reads, hashes and stores the file, where it used to start only then.
   * Idle, a warmed worker does not keep the process alive.
   */
  warm(workers?: number): void;
  /**
   * Milliseconds workers spent between finishing a job and being handed
   * their next one, summed over the workers (bench:ingest: how well a batch
   * keeps them fed; a worker with nothing left to do does not count).
   */
  readonly idleMs: number;
  close(): Promise<void>;
}

export interface ExtractPoolOptions {
  size?: number;
  /** Where the worker script lives; bundlers pass their emitted file (see report / electron-vite `?modulePath`). */
  workerUrl?: URL | string;
  /**
   * Bounds each worker's old generation. Unbounded, V8 lets a worker's heap
   * grow with a long document and collects late (two workers reached 760 MB
   * by page 2,000 of one file); bounded at 192 MB they stayed near 480 MB,
   * but every page cost a quarter more CPU in collections (a 200-page file:
   * 12.4 s CPU against 9.3 s), so it is off unless asked for.
   */
  maxOldGenerationMb?: number;
}

interface Job {
  id: number;
  data: Uint8Array;
  opts: ExtractOptions;
  clean: boolean;
  format: SourceFormat;
  alto?: string;
  processed: boolean;
  linkLonePage: boolean;
  onPage: (msg: Extract<FromWorker, { type: 'page' | 'processed' }>) => void | Promise<void>;
  onOpen?: (info: PdfInfo) => void;
  resolve: (r: { pageCount: number; info: PdfInfo; photosLinked?: boolean }) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** Pages received but not yet handed to onPage (onPage may be async). */
  chain: Promise<void>;
  failed: Error | null;
  /** When the worker finished its last job (performance.now()); null before its first. */
  freedAt: number | null;
}

export const DEFAULT_WORKER_URL = new URL('./extract-worker.ts', import.meta.url);

export function createExtractPool(options: ExtractPoolOptions | number = {}): ExtractPool {
  const opts = typeof options === 'number' ? { size: options } : options;
  const size = Math.max(1, opts.size ?? Math.min(2, availableParallelism()));
  const workerUrl = opts.workerUrl ?? DEFAULT_WORKER_URL;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  let idleMs = 0;

  function post(slot: Slot, msg: ToWorker, transfer: ArrayBuffer[] = []): void {
    slot.worker.postMessage(msg, transfer);
  }

  function finish(slot: Slot): void {
    slot.freedAt = performance.now();
    slot.job = null;
    slot.chain = Promise.resolve();
    slot.failed = null;
    pump();
  }

  function onMessage(slot: Slot, msg: FromWorker): void {
    const job = slot.job;
    if (!job || msg.job !== job.id) return;
    if (msg.type === 'opened') {
      job.onOpen?.(msg.info);
    } else if (msg.type === 'page' || msg.type === 'processed') {
      slot.chain = slot.chain.then(async () => {
        if (slot.failed) return;
        try {
          await job.onPage(msg);
          post(slot, { type: 'ack', job: job.id });
        } catch (err) {
          slot.failed = err instanceof Error ? err : new Error(String(err));
        }
      });
    } else {
      // Settle only after every page already received has been handled.
      void slot.chain.then(() => {
        if (slot.failed) {
          // The consumer failed: the worker may still be mid-file, so replace it rather than wait.
          const err = slot.failed;
          replace(slot);
          job.reject(err);
          return;
        }
        if (msg.type === 'done') job.resolve({ pageCount: msg.pageCount, info: msg.info, ...(msg.photosLinked ? { photosLinked: true } : {}) });
        else job.reject(new Error(msg.message));
        finish(slot);
      });
    }
  }

  function spawn(): Slot {
    // A small young generation: pdf.js makes short-lived garbage per page, and collecting it
    // early kept a 200-page import's peak RSS near 500 MB instead of 550–610 MB, at no cost in time.
    const resourceLimits = { maxYoungGenerationSizeMb: 8, ...(opts.maxOldGenerationMb ? { maxOldGenerationSizeMb: opts.maxOldGenerationMb } : {}) };
    const slot: Slot = { worker: new Worker(workerUrl, { resourceLimits }), job: null, chain: Promise.resolve(), failed: null, freedAt: null };
    slot.worker.on('message', (m: FromWorker) => onMessage(slot, m));
    slot.worker.on('exit', (code) => {
      if (closed || !slots.includes(slot)) return;
      const job = slot.job;
      replace(slot);
      job?.reject(new Error(`extraction worker exited (code ${code})`));
    });
    slot.worker.on('error', (err) => {
      const job = slot.job;
      replace(slot);
      job?.reject(new Error(`extraction worker crashed: ${err.message.split('\n')[0]}`));
    });
    slot.worker.unref();
    return slot;
  }

  function replace(slot: Slot): void {
    const i = slots.indexOf(slot);
    void slot.worker.terminate();
    if (i >= 0) slots.splice(i, 1);
    if (!closed) pump();
  }

  function pump(): void {
    while (queue.length > 0) {
      let slot = slots.find((s) => s.job === null);
      if (!slot && slots.length < size) {
        slot = spawn();
        slots.push(slot);
      }
      if (!slot) return;
      const job = queue.shift()!;
      if (slot.freedAt !== null) idleMs += performance.now() - slot.freedAt;
      slot.job = job;
      // Keep the worker alive while it has work, so a pending extract keeps the process running.
      slot.worker.ref();
      const done = () => slot!.worker.unref();
      const { resolve, reject } = job;
      job.resolve = (r) => (done(), resolve(r));
      job.reject = (e) => (done(), reject(e));
      const buffer = job.data.buffer;
      post(
        slot,
        { type: 'extract', job: job.id, data: job.data, opts: job.opts, clean: job.clean, format: job.format, alto: job.alto, processed: job.processed, linkLonePage: job.linkLonePage },
        buffer instanceof SharedArrayBuffer ? [] : [buffer],
      );
    }
  }

  function enqueue(
    data: Uint8Array,
    processed: boolean,
    onPage: Job['onPage'],
    extractOpts: ExtractOptions & { clean?: boolean; format?: SourceFormat; alto?: string; onOpen?: (info: PdfInfo) => void; linkLonePage?: boolean },
  ) {
    if (closed) return Promise.reject(new Error('extract pool is closed'));
    // Bytes over a SharedArrayBuffer are shared with the worker, not copied: every worker
    // extracting one document reads the same copy (processor.ts).
    const shared = data.buffer instanceof SharedArrayBuffer && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    // Node marks Buffer-pool memory (readFileSync, allocUnsafe) untransferable; copy those and partial views.
    const transferable = !shared && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && !isMarkedAsUntransferable(data.buffer);
    const own = shared || transferable ? data : new Uint8Array(data); // not .slice(): on a Buffer that is a view
    return new Promise<{ pageCount: number; info: PdfInfo; photosLinked?: boolean }>((resolve, reject) => {
      const { clean = false, format = 'pdf', alto, onOpen, linkLonePage = false, ...pdfOpts } = extractOpts;
      queue.push({ id: nextId++, data: own, opts: pdfOpts, clean, format, alto, processed, linkLonePage, onPage, onOpen, resolve, reject });
      pump();
    });
  }

  return {
    size,
    warm(workers = 1) {
      while (!closed && slots.length < Math.min(workers, size)) {
        const slot = spawn();
        slots.push(slot);
        post(slot, { type: 'warm' });
      }
    },
    get idleMs() {
      return idleMs;
    },
    extract(data, onPage, extractOpts = {}) {
      return enqueue(data, false, (m) => (m.type === 'page' ? onPage(m.page, m.cleaned) : undefined), extractOpts);
    },
    extractProcessed(data, onPage, extractOpts = {}) {
      return enqueue(data, true, (m) => (m.type === 'processed' ? onPage(ProcessedPage.fromWire(m.page)) : undefined), extractOpts);
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('extract pool closed'));
      // Idle workers are unref'd, and a terminating worker's handle may no longer hold the event
      // loop: without a timer of its own, the process can run out of things to wait for before
      // terminate() settles, and exit in the middle of the CLI's cleanup (seen under load).
      const keepAlive = setInterval(() => {}, 1000);
      try {
        await Promise.all(
          slots.splice(0).map(async (s) => {
            s.job?.reject(new Error('extract pool closed'));
            await s.worker.terminate();
          }),
        );
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}
