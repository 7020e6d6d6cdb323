import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * The main thread's side of one worker thread that answers requests
 * (its script calls answerRequests, answer-requests.ts). What the app's
 * workers (page views, typeset previews, photo linking, the search index's
 * writes) share: the worker starts with the first request; it holds the
 * process open only while a request is in flight; requests are posted in
 * the order made, and a worker whose handler is synchronous answers them in
 * that order; it may be let go after `idleMs` without work; a worker that
 * dies fails the requests in flight, and the next request starts another
 * (`restart`) or finds the client off; one that dies before it said it was
 * ready (no such file, a library missing for this platform) turns the
 * client off: `onOff` is told once, and every request fails with the same
 * error from then on, without trying to start it again.
 */

/** Main thread to worker. */
export type ToWorker = { id: number; body: unknown } | { close: true };
/** Worker to main thread: `ready` once, after its script ran; then one answer per request. */
export type FromWorker = { ready: true } | { id: number; result: unknown } | { id: number; error: string };

export interface WorkerClientOptions {
  /** Names the worker in errors: "search index worker exited (code 1)". */
  name: string;
  url: URL | string;
  workerData?: unknown;
  /** Heap caps: a hostile input that needs more ends the worker, not the app. */
  resourceLimits?: ResourceLimits;
  /** Ends the worker after this long with no request in flight (memory it holds is given back); the next request starts another. */
  idleMs?: number;
  /** Posts a request only once the one before is answered: a request that kills the worker fails alone. */
  oneAtATime?: boolean;
  /** After a started worker died: start another for the next request (else the client is off from then on). */
  restart?: boolean;
  /** Put before the message of an error the worker answered with. */
  errorPrefix?: string;
  /** Told once when the client turns off on its own (could not start, or died and does not restart); not on close(). */
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

type Waiter = { resolve: (result: unknown) => void; reject: (err: WorkerError) => void };

export class WorkerClient<Req, Res> {
  readonly #opts: WorkerClientOptions;
  #worker: Worker | null = null;
  #ready = false;
  #off: WorkerError | null = null;
  #next = 1;
  readonly #waiting = new Map<number, Waiter>();
  #queue: Promise<unknown> = Promise.resolve();
  #idle: ReturnType<typeof setTimeout> | null = null;

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
    if (this.#idle) clearTimeout(this.#idle);
    if (this.#waiting.size === 0) worker.ref();
    const id = this.#next++;
    return new Promise<Res>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (result: unknown) => void, reject });
      worker.postMessage({ id, body } satisfies ToWorker);
    });
  }

  #start(): Worker | null {
    if (this.#off) return null;
    if (this.#worker) return this.#worker;
    const { url, workerData, resourceLimits } = this.#opts;
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData, resourceLimits });
    } catch (err) {
      this.#turnOff(`${this.#opts.name} cannot start: ${firstLine(err)}`, firstLine(err));
      return null;
    }
    worker.unref();
    this.#ready = false;
    worker.on('message', (msg: FromWorker) => this.#answered(worker, msg));
    worker.on('error', (err) => this.#died(worker, `crashed: ${firstLine(err)}`, firstLine(err)));
    worker.on('exit', (code) => this.#died(worker, `exited (code ${code})`, `worker exited with ${code}`));
    return (this.#worker = worker);
  }

  #answered(worker: Worker, msg: FromWorker): void {
    if ('ready' in msg) return void (worker === this.#worker && (this.#ready = true));
    const waiter = this.#waiting.get(msg.id);
    if (!waiter) return;
    this.#waiting.delete(msg.id);
    if (this.#waiting.size === 0) this.#quiet(worker);
    if ('error' in msg) waiter.reject(new WorkerError(`${this.#opts.errorPrefix ?? ''}${msg.error}`, 'failed', msg.error));
    else waiter.resolve(msg.result);
  }

  /** Nothing in flight: the process may exit without this worker, and an idle one is let go in time. */
  #quiet(worker: Worker): void {
    worker.unref();
    if (!this.#opts.idleMs || worker !== this.#worker) return;
    this.#idle = setTimeout(() => {
      this.#worker = null;
      void worker.terminate();
    }, this.#opts.idleMs);
    this.#idle.unref();
  }

  #died(worker: Worker, what: string, reason: string): void {
    if (worker !== this.#worker) return; // let go (idle, close) or already counted (error, then exit)
    this.#worker = null;
    void worker.terminate();
    if (!this.#ready) return this.#turnOff(`${this.#opts.name} cannot start: ${reason}`, reason);
    const message = `${this.#opts.name} ${what}`;
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
   * Ends the worker; requests from now on fail. `finishFirst`: it answers
   * every request sent so far, runs its own close, and ends (a worker that
   * writes must not be cut off mid-write); else it is terminated now and
   * requests in flight fail.
   */
  async close(opts: { finishFirst?: boolean } = {}): Promise<void> {
    this.#off ??= new WorkerError(`${this.#opts.name} closed`, 'off', 'closed');
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return this.#failWaiting(this.#off);
    // Held open until it has ended: an unref'd worker's end may otherwise outlive the process (see extract-pool.ts).
    worker.ref();
    if (opts.finishFirst) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ close: true } satisfies ToWorker);
      await exited;
    } else {
      this.#failWaiting(this.#off);
      await worker.terminate();
    }
    this.#failWaiting(this.#off);
  }
}
