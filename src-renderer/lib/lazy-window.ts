/**
 * Long text rendered in steps. A text dump of tens of megabytes made one page
 * model of ~130 000 raw items and ~22 000 blocks; rendering them all at once
 * froze the window for 40 s. The panels render the first pieces up to a
 * character budget and add the next step when the reader scrolls near the
 * end of what is rendered (or jumps to a block or change beyond it).
 */

/** Characters rendered per step: an ordinary page (20–150 thousand) renders whole, in idle-time steps (text-window.svelte.ts). */
export const STEP_CHARS = 200_000;

/** What a new page renders at once: more than a screenful of either panel, a small share of a dense scan page. */
export const FIRST_CHARS = 6_000;

/** Added per idle step after the first screenful: a few tens of milliseconds of DOM building each. */
export const IDLE_STEP_CHARS = 12_000;

/** Characters in the first `n` pieces. */
export function charsBefore(lengths: ArrayLike<number>, n: number): number {
  let used = 0;
  for (let i = 0; i < Math.min(n, lengths.length); i++) used += lengths[i];
  return used;
}

/** A page with more text than this is unusually large: say so. A newspaper page holds 20–150 thousand characters. */
export const LARGE_PAGE_CHARS = 1_000_000;

/**
 * The count of pieces to render so that every piece before `from` stays and
 * the next ones fill `budget` characters (always at least one more, and at
 * least `atLeast` in all).
 */
export function growLimit(lengths: ArrayLike<number>, from: number, budget = STEP_CHARS, atLeast = 0): number {
  let n = from;
  let used = 0;
  while (n < lengths.length && (n === from || used + lengths[n] <= budget)) {
    used += lengths[n];
    n++;
  }
  return Math.min(lengths.length, Math.max(n, atLeast));
}

/**
 * Svelte attachment for a sentinel after the rendered text: calls `more` when
 * it comes within about a screen of the scroller's visible area. Re-create the
 * sentinel after each step ({#key}) so a step that still leaves it in view
 * triggers the next.
 */
export function nearEnd(more: () => void) {
  return (el: HTMLElement) => {
    const root = el.closest<HTMLElement>('[data-lazy-root]');
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more(), { root, rootMargin: '0px 0px 100% 0px' });
    io.observe(el);
    return () => io.disconnect();
  };
}

/** "12.3 MB" / "850 KB" for a character count (UTF-16 units: close enough to tell a reader the scale). */
export function sizeLabel(chars: number): string {
  return chars >= 1e6 ? `${(chars / 1e6).toFixed(1)} million characters` : `${Math.round(chars / 1000)} thousand characters`;
}
