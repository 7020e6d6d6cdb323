import { untrack } from 'svelte';
import { charsBefore, FIRST_CHARS, growLimit, IDLE_STEP_CHARS, STEP_CHARS } from './lazy-window.ts';

/**
 * How much of a text panel is in the DOM. Building a dense scan's raw and
 * cleaned text in one go (tens of thousands of nodes) was one 0.5–0.7 s task
 * right after the page painted: a page turn clicked meanwhile waited for it
 * (bench:reader, BENCH_TRACE). So a new page renders its first screenful or
 * so (FIRST_CHARS), and the rest follows in small steps while the browser is
 * idle, up to STEP_CHARS in all; past that (a huge page), a step more each
 * time the reader scrolls near the end (lib/lazy-window.ts `nearEnd`). A jump
 * to a piece not rendered yet (a block picked on the page, the next change,
 * a search hit) renders up to it at once.
 *
 * Create during component initialisation (it owns an effect).
 */
export class TextWindow {
  readonly #lengths: () => ArrayLike<number>;
  readonly #keep: () => number;
  readonly #place: (() => string) | undefined;
  /** The place and window last rendered: what a change of pieces at the same place keeps. */
  #shown: { place: string | null; limit: number } = { place: null, limit: 0 };
  /**
   * Pieces rendered (a prefix of the panel's pieces); back to the first screenful when the pieces change, but never
   * short of the piece `keep` names (the block the keyboard is on): the page shown read again (its views rebuilt) must
   * not take that block out of the DOM, and the focus with it. Read untracked: a new keep alone does not shrink the window.
   * At the same place (a block corrected on the page shown) nothing rendered goes: the panel cut back to its first
   * screenful lost its height, and the reader scrolled far down was put back near the top (a walk, at every save).
   */
  limit = $derived.by(() => {
    const lengths = this.#lengths();
    const [keep, place] = untrack(() => [this.#keep(), this.#place?.() ?? null] as const);
    const kept = place !== null && place === this.#shown.place ? this.#shown.limit : 0;
    return growLimit(lengths, 0, FIRST_CHARS, Math.max(keep + 1, kept));
  });
  /** The rest of the eager part is still being added in idle time (the panel says aria-busy meanwhile). */
  readonly growing = $derived.by(() => {
    const lengths = this.#lengths();
    return this.limit < lengths.length && charsBefore(lengths, this.limit) < STEP_CHARS;
  });

  /**
   * `keep`: index of a piece that must stay rendered when the pieces change (-1: none). `place`: what the pieces are
   * of (a document's page); new pieces at the same place keep the window rendered so far.
   */
  constructor(lengths: () => ArrayLike<number>, keep: () => number = () => -1, place?: () => string) {
    this.#lengths = lengths;
    this.#keep = keep;
    this.#place = place;
    $effect(() => {
      this.#shown = { place: this.#place?.() ?? null, limit: this.limit };
    });
    $effect(() => {
      if (!this.growing) return;
      const [pieces, from] = [this.#lengths(), this.limit];
      const budget = Math.min(IDLE_STEP_CHARS, STEP_CHARS - charsBefore(pieces, from));
      return whenIdle(() => (this.limit = growLimit(pieces, from, budget)));
    });
  }

  /** Whether piece `index` is rendered; if not, renders up to it (an effect asking runs again once it is). */
  reach(index: number): boolean {
    if (index < this.limit) return true;
    this.limit = growLimit(this.#lengths(), this.limit, 0, index + 1);
    return false;
  }

  /** The reader scrolled near the end of a huge page: one step more. */
  more(): void {
    this.limit = growLimit(this.#lengths(), this.limit);
  }
}

/** Runs `fn` when the browser is idle (within `timeoutMs` at most); returns a cancel. */
export function whenIdle(fn: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(fn, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(fn, 16);
  return () => clearTimeout(timer);
}
