/**
 * Background work that is asked for again while it runs (a library change
 * during a catch-up): one run at a time, and any number of requests that
 * come in meanwhile make it pass once more when the current pass ends, not
 * once each. Used by the search index's and the previews' catch-up.
 */
export class CoalescedRun {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly pass: () => Promise<void>;
  private readonly stopped: () => boolean;
  private readonly settled: () => void;

  /** `pass` does the work once; no further pass starts once `stopped()`; `settled` runs when the run ends, however it ends. */
  constructor(pass: () => Promise<void>, stopped: () => boolean, settled: () => void = () => {}) {
    this.pass = pass;
    this.stopped = stopped;
    this.settled = settled;
  }

  /** Starts a run, or asks the one in progress for another pass; resolves when the run ends. */
  request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped());
    })().finally(() => {
      this.running = null;
      this.settled();
    });
    return this.running;
  }

  /** Resolves when the run in progress (if any) has ended. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
