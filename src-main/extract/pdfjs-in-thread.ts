import type { PDFWorker as PDFWorkerType } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * pdf.js on Node runs its "worker" half on the calling thread (a fake
 * worker) and talks to it through a LoopbackPort that structured-clones
 * every message, as a real worker boundary would. On a scanned newspaper
 * page that is every text item of the page cloned once more: a fifth of
 * pdf.js's own time there (bench/ingest-stages.ts, --cpu-prof), plus the
 * garbage. The two halves share one heap, so a message whose objects the
 * sender never touches again can be handed over as it is.
 *
 * Text-content chunks are such messages, once their top object is copied:
 * pdf.js's evaluator enqueues its one `textContent` object and then gives
 * it new `items` and `styles` (PartialEvaluator.getTextContent,
 * enqueueChunk), and every item and style object in a chunk is made fresh
 * for it. Everything else is cloned
 * as pdf.js does: operator-list chunks, for one, have their arrays emptied
 * right after they are sent (OperatorList.flush).
 *
 * One PDFWorker per thread serves every document (as a browser's one web
 * worker does); pdf.js leaves a worker it was given alone when a loading
 * task is destroyed.
 */

type Listener = (event: { data: unknown }) => void;

/** MessageHandler's StreamKind.ENQUEUE (pdf.js src/shared/message_handler.js). */
const STREAM_ENQUEUE = 4;

/** A text-content chunk (see above): `{ stream: ENQUEUE, chunk: { items: [...], styles: {...} } }`. */
export function isTextContentChunk(msg: unknown): boolean {
  const m = msg as { stream?: unknown; chunk?: { items?: unknown; styles?: unknown } } | null;
  return m?.stream === STREAM_ENQUEUE && Array.isArray(m.chunk?.items) && typeof m.chunk?.styles === 'object' && m.chunk.styles !== null;
}

/** The message with its own copy of the chunk's top object (its items and styles as they are now). */
function shallowChunk(msg: { chunk: object }): unknown {
  return { ...msg, chunk: { ...msg.chunk } };
}

/** pdf.js's LoopbackPort, except that text-content chunks are not cloned. */
export class InThreadPort {
  readonly #listeners = new Map<Listener, (() => void) | null>();
  readonly #deferred = Promise.resolve();

  postMessage(obj: unknown, transfer?: ArrayBuffer[]): void {
    // A document's bytes over a SharedArrayBuffer (one copy for every extraction worker) cross as they are:
    // a shared buffer cannot be transferred, and cloning one shares it rather than copying.
    const movable = transfer?.filter((b) => !(b instanceof SharedArrayBuffer));
    const data = isTextContentChunk(obj) ? shallowChunk(obj as { chunk: object }) : structuredClone(obj, movable?.length ? { transfer: movable } : undefined);
    void this.#deferred.then(() => {
      for (const [listener] of this.#listeners) listener.call(this, { data });
    });
  }

  addEventListener(_name: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    let rmAbort: (() => void) | null = null;
    const signal = options?.signal;
    if (signal instanceof AbortSignal) {
      if (signal.aborted) return;
      const onAbort = () => this.removeEventListener(_name, listener);
      rmAbort = () => signal.removeEventListener('abort', onAbort);
      signal.addEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, rmAbort);
  }

  removeEventListener(_name: string, listener: Listener): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    for (const [, rmAbort] of this.#listeners) rmAbort?.();
    this.#listeners.clear();
  }
}

let workerPromise: Promise<PDFWorkerType> | null = null;

/** This thread's pdf.js worker over an InThreadPort, made on first use. */
export function inThreadPdfWorker(): Promise<PDFWorkerType> {
  workerPromise ??= (async () => {
    const [{ PDFWorker }, { WorkerMessageHandler }] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      // @ts-expect-error: pdfjs-dist ships no types for its worker module; WorkerMessageHandler is its one export.
      import('pdfjs-dist/legacy/build/pdf.worker.mjs') as Promise<{ WorkerMessageHandler: { initializeFromPort(port: unknown): void } }>,
    ]);
    const port = new InThreadPort();
    WorkerMessageHandler.initializeFromPort(port);
    const worker = new PDFWorker({ port: port as never, verbosity: 0 });
    await worker.promise;
    return worker;
  })();
  return workerPromise;
}
