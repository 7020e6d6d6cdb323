import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * The main thread's side of one worker thread that answers requests (its
 * script calls answerRequests): started by the first request, holding the
 * process open only while a request is in flight, requests posted in the
 * order made. A worker that dies before it said it was ready (no such
 * script, a library missing for this platform) turns the client off for
 * good: `onOff` is told once, and every request fails with that one error.
 */

export type ToWorker = { id: number; body: unknown } | { close: true };
/** `ready` once, after the worker's script set itself up; then one answer per request. */
export type FromWorker = { ready: true } | { id: number; result: unknown } | { id: number; error: string };

export interface WorkerClientOptions {
  /** Names the worker in errors: "search index worker exited (code 1)". */
  name: string;
  url: URL | string;
  workerData?: unknown;
  /** Heap caps: an input that needs more ends the worker, not the app. */
  resourceLimits?: ResourceLimits;
  /** Ends the worker after this long with nothing in flight (giving back what it holds); the next request starts another. */
  idleMs?: number;
  /** Posts a request once the one before is answered, so a request that kills the worker fails alone. */
  oneAtATime?: boolean;
  /** After a started worker died, start another for the next request (else the client is off from then on). */
  restart?: boolean;
  /** Put before the message of an error the worker answered with. */
  errorPrefix?: string;
  /** Told once when the client turns itself off (could not start, or died and does not restart); not on close(). */
  onOff?: (reason: string) => void;
}

/**
 * Why a request failed. `failed`: the worker answered with this error;
 * `died`: the worker died with it in flight; `off`: no worker will take it
 * (could not start, died for good, closed). `reason`: the bare cause
 * ("worker exited with 3", an error's first line), for a caller that words
 * its own message.
 */
export class WorkerError extends Error {
  readonly kind: 'failed' | 'died' | 'off';
  readonly reason: string;
  constructor(message: string, kind: WorkerError['kind'], reason: string) {
    super(message);
    this.kind = kind;
    this.reason = reason;
  }
}

export const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0];

export class WorkerClient<Req, Res> {
  readonly #opts: WorkerClientOptions;
  #worker: Worker | null = null;
  #ready = false;
  #off: WorkerError | null = null;
  #next = 1;
  readonly #waiting = new Map<number, { resolve: (result: Res) => void; reject: (err: WorkerError) => void }>();
  #queue: Promise<unknown> = Promise.resolve();
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: WorkerClientOptions) {
    this.#opts = opts;
  }

  /** The worker's answer to `body`; rejects with a WorkerError. */
  request(body: Req): Promise<Res> {
    if (!this.#opts.oneAtATime) return this.#send(body);
    const run = this.#queue.then(() => this.#send(body));
    this.#queue = run.catch(() => {});
    return run;
  }

  #send(body: Req): Promise<Res> {
    const worker = this.#start();
    if (!worker) return Promise.reject(this.#off);
    clearTimeout(this.#idle);
    worker.ref();
    const id = this.#next++;
    return new Promise<Res>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, body } satisfies ToWorker);
    });
  }

  #start(): Worker | null {
    if (this.#off || this.#worker) return this.#worker;
    const { name, url, workerData, resourceLimits } = this.#opts;
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData, resourceLimits });
    } catch (err) {
      this.#turnOff(`${name} cannot start: ${firstLine(err)}`, firstLine(err));
      return null;
    }
    this.#ready = false;
    worker.on('message', (msg: FromWorker) => this.#answered(worker, msg));
    worker.on('error', (err) => this.#died(worker, `${name} crashed: ${firstLine(err)}`, firstLine(err)));
    worker.on('exit', (code) => this.#died(worker, `${name} exited (code ${code})`, `worker exited with ${code}`));
    return (this.#worker = worker);
  }

  #answered(worker: Worker, msg: FromWorker): void {
    if ('ready' in msg) return void (this.#ready ||= worker === this.#worker);
    const waiter = this.#waiting.get(msg.id);
    if (!this.#waiting.delete(msg.id)) return;
    if (this.#waiting.size === 0) {
      // Nothing in flight: the process may end without this worker, and an idle one is let go in time.
      worker.unref();
      if (this.#opts.idleMs && worker === this.#worker) {
        const letGo = () => {
          this.#worker = null;
          void worker.terminate();
        };
        this.#idle = setTimeout(letGo, this.#opts.idleMs).unref();
      }
    }
    if ('error' in msg) waiter!.reject(new WorkerError(`${this.#opts.errorPrefix ?? ''}${msg.error}`, 'failed', msg.error));
    else waiter!.resolve(msg.result as Res);
  }

  #died(worker: Worker, message: string, reason: string): void {
    if (worker !== this.#worker) return; // let go (idle, close), or already counted (an error, then its exit)
    this.#worker = null;
    void worker.terminate();
    if (!this.#ready) return this.#turnOff(`${this.#opts.name} cannot start: ${reason}`, reason);
    this.#failWaiting(new WorkerError(message, 'died', reason));
    if (!this.#opts.restart) this.#turnOff(message, reason);
  }

  #turnOff(message: string, reason: string): void {
    this.#off = new WorkerError(message, 'off', reason);
    this.#failWaiting(this.#off);
    this.#opts.onOff?.(reason);
  }

  #failWaiting(err: WorkerError): void {
    const waiting = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const w of waiting) w.reject(err);
  }

  /**
   * Ends the worker; requests from now on fail. `finishFirst`: the worker
   * answers what was sent before (a synchronous one: all of it), runs its
   * own close and ends, so a worker that writes is not cut off mid-write;
   * otherwise it is terminated now and what is in flight fails.
   */
  async close(opts: { finishFirst?: boolean } = {}): Promise<void> {
    this.#off ??= new WorkerError(`${this.#opts.name} closed`, 'off', 'closed');
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    // Held open until it has ended: an unref'd worker's end may otherwise outlive the process (see extract-pool.ts).
    worker?.ref();
    if (worker && opts.finishFirst) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ close: true } satisfies ToWorker);
      await exited;
    } else if (worker) {
      await worker.terminate();
    }
    this.#failWaiting(this.#off);
  }
}
