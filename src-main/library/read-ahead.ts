/**
 * Files a batch import prepares ahead of the extraction workers. Without
 * one, a worker that finished a scan waited while the main thread linked
 * that scan's photos, committed it, and then read, hashed and stored the
 * next file before handing it over: over a batch of 24 one-page LoC scans
 * the two workers spent 2.2–3.1 s idle between files (loaded machine);
 * with one file read ahead and waiting in the pool's queue, 0.4–0.9 s.
 * A second file ahead gained nothing more.
 */
export const READ_AHEAD_FILES = 1;

/**
 * A file read ahead is held in memory while the workers are busy with
 * others, so only small ones are (a scan page is 2–3 MB): a batch of large
 * PDFs keeps to one file per worker in memory, as before.
 */
export const READ_AHEAD_MAX_BYTES = 64 << 20;

/**
 * Admits files into an import: up to `workers` of any size at once, and
 * `ahead` more of at most `maxBytes` each. Waiters are admitted in the order
 * they came.
 */
export class ReadAheadGate {
  private active = 0;
  private readonly waiting: Array<{ size: number; admit: () => void }> = [];
  private readonly workers: number;
  private readonly ahead: number;
  private readonly maxBytes: number;

  constructor(workers: number, ahead = READ_AHEAD_FILES, maxBytes = READ_AHEAD_MAX_BYTES) {
    this.workers = Math.max(1, workers);
    this.ahead = Math.max(0, ahead);
    this.maxBytes = maxBytes;
  }

  /** Lanes worth running: workers plus the files read ahead. */
  get lanes(): number {
    return this.workers + this.ahead;
  }

  /** Resolves when a file of `size` bytes may be read; pair with leave(). */
  enter(size: number): Promise<void> {
    if (this.waiting.length === 0 && this.fits(size)) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((admit) => this.waiting.push({ size, admit }));
  }

  leave(): void {
    this.active--;
    while (this.waiting.length && this.fits(this.waiting[0].size)) {
      const next = this.waiting.shift()!;
      this.active++;
      next.admit();
    }
  }

  private fits(size: number): boolean {
    if (this.active < this.workers) return true;
    return this.active < this.workers + this.ahead && size <= this.maxBytes;
  }
}
