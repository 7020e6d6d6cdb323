/**
 * Requests before background work. The catch-ups (search index, page views
 * and previews: minutes on a large library made by an older version) run on
 * the same thread that answers the app, in small steps. Each HTTP request
 * takes several turns of the event loop (headers, body, answer, write), and
 * each turn used to wait for a background step: at 10,000 documents the
 * library's first screenful took 30–100 ms to answer instead of 2 ms, and the
 * app's start-up was fast or slow depending on where the steps fell.
 *
 * So the hosts mark each request they answer (`begin()` → the returned end),
 * and background loops take their turns through `turn()`, which waits while a
 * request is being answered and for a moment after the last one, so the
 * next of a burst (the app asks for its settings, then its list, then its
 * page) finds the thread free. It never starves the background: a request
 * answered for longer than HOLD_MS (an import of a thousand files) no longer
 * holds it, and no turn waits longer than MAX_WAIT_MS.
 *
 * At start the hosts can also hold the background back until the app's first
 * burst has been answered (`deferStart`): the first screenful does not share
 * the thread with the catch-ups' first, larger steps.
 */

/** Quiet needed after the last request before background work resumes. */
export const QUIET_MS = 40;
/** A request answered for longer than this no longer holds the background back. */
export const HOLD_MS = 1000;
/** The longest one background turn waits for requests. */
export const MAX_WAIT_MS = 500;
/** At start (deferStart), the quiet after the app's first burst of requests before background work begins. */
export const START_QUIET_MS = 300;

export class Foreground {
  private readonly answering = new Map<number, number>();
  private next = 0;
  private lastEnd = -Infinity;
  /** Until started: deferStart's grace ends (no app came) or the app's first burst has gone quiet. */
  private started = true;
  private startAfter = 0;
  private sawRequest = false;
  private readonly now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.now = now;
  }

  /** A request is being answered until the returned function is called (more than once is harmless). */
  begin(): () => void {
    const id = this.next++;
    this.sawRequest = true;
    this.answering.set(id, this.now());
    return () => {
      if (this.answering.delete(id)) this.lastEnd = this.now();
    };
  }

  /**
   * Background work waits for the app's first requests to have been answered,
   * or `graceMs` if no app connects (a browser host nobody opened), and never
   * longer than `graceMs`.
   */
  deferStart(graceMs: number): void {
    this.started = false;
    this.startAfter = this.now() + graceMs;
    this.sawRequest = false;
  }

  /** How long background work should wait now before looking again; 0: go ahead. */
  waitFor(): number {
    const now = this.now();
    if (!this.started) {
      // The grace is also the longest the start is held: requests that keep
      // coming (a page polling for its preview) must not starve the catch-ups.
      const quiet = this.sawRequest ? (this.answering.size ? START_QUIET_MS : START_QUIET_MS - (now - this.lastEnd)) : Infinity;
      const wait = Math.min(quiet, this.startAfter - now);
      if (wait > 0) return wait;
      this.started = true;
    }
    for (const started of this.answering.values()) if (now - started < HOLD_MS) return Math.min(QUIET_MS, HOLD_MS - (now - started));
    const sinceEnd = now - this.lastEnd;
    return sinceEnd < QUIET_MS ? QUIET_MS - sinceEnd : 0;
  }

  /** One turn of a background loop: the event loop runs first (I/O included), then requests being answered go first. */
  async turn(): Promise<void> {
    await new Promise((done) => setImmediate(done));
    // At start: nothing until the app's first requests have been answered (or no app came).
    for (let wait = this.waitFor(); !this.started && wait > 0; wait = this.waitFor()) await new Promise((done) => setTimeout(done, wait));
    const started = this.now();
    for (let wait = this.waitFor(); wait > 0 && this.now() - started < MAX_WAIT_MS; wait = this.waitFor()) {
      await new Promise((done) => setTimeout(done, Math.max(1, Math.min(wait, MAX_WAIT_MS - (this.now() - started)))));
    }
  }
}

/** The process's one foreground: the hosts (HTTP, IPC) mark requests on it, the catch-ups take their turns through it. */
export const foreground = new Foreground();
