import { reasonLabel, type ItemSegment } from './diff-segments.ts';

/**
 * The raw panel's text, built as plain DOM. A dense scan page is 15–16
 * thousand items; as a Svelte {#each}, every item was a block with its own
 * effects, created on the page's arrival and destroyed on the next: about
 * half a second each way on this machine (bench:reader CPU profile), on the
 * path of every page turn. Here each item start is one empty marker span
 * (scroll-link.ts anchors on `[data-item]`), each removal one <del>, and the
 * text between them one text node: the same text, character for character.
 */

export type RawRun = { marker: number } | { text: string } | { del: string; edit: number | undefined; reason: NonNullable<ItemSegment['reason']> };

/** The runs of pieces [from, to): consecutive plain text joined into one run. */
export function rawRuns(pieces: readonly ItemSegment[], from: number, to: number): RawRun[] {
  const runs: RawRun[] = [];
  let text = '';
  const flush = () => {
    if (text) runs.push({ text });
    text = '';
  };
  for (let i = from; i < Math.min(to, pieces.length); i++) {
    const s = pieces[i];
    if (s.start) {
      flush();
      runs.push({ marker: s.item });
    }
    if (s.reason) {
      flush();
      runs.push({ del: s.text, edit: s.edit, reason: s.reason });
    } else text += s.text;
  }
  flush();
  return runs;
}

/** Appends pieces [from, to) to `pre`, in one fragment (one layout for the lot). */
export function appendRawPieces(pre: HTMLElement, pieces: readonly ItemSegment[], from: number, to: number): void {
  const doc = pre.ownerDocument;
  const frag = doc.createDocumentFragment();
  for (const run of rawRuns(pieces, from, to)) {
    if ('marker' in run) {
      const m = doc.createElement('span');
      m.className = 'item';
      m.dataset.item = String(run.marker);
      frag.append(m);
    } else if ('del' in run) {
      const d = doc.createElement('del');
      d.className = `r-${run.reason}`;
      if (run.edit !== undefined) d.dataset.edit = String(run.edit);
      d.dataset.reason = run.reason;
      d.title = `Removed: ${reasonLabel[run.reason]}`;
      d.tabIndex = -1;
      d.textContent = run.del;
      frag.append(d);
    } else frag.append(run.text);
  }
  pre.append(frag);
}
