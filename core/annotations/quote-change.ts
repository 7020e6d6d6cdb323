import type { AnnotationTarget, ResolvedTarget } from './annotation.ts';

/**
 * Which of an annotation's quotes read differently now than when it was
 * made: a correction inside the quote ("大陈村" → "X陈村"), after which the
 * annotation re-anchored by the unchanged context around it (anchor.ts).
 * The archivist should see that the words under the note are no longer the
 * words it was written on; the stored quote itself is never rewritten (it is
 * what the annotation was made on, and what the W3C export carries).
 *
 * Spacing alone does not count: better cleaning often only adds or removes
 * spaces, and anchoring already treats such a quote as the same characters.
 */

export interface QuoteChange {
  /** Index of the target in the annotation. */
  target: number;
  /** The quote as annotated. */
  was: string;
  /** The same stretch as the page reads now. */
  now: string;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

export function quoteChanges(a: { targets: readonly AnnotationTarget[]; resolved: readonly Pick<ResolvedTarget, 'quote'>[] }): QuoteChange[] {
  const out: QuoteChange[] = [];
  a.targets.forEach((t, i) => {
    const now = a.resolved[i]?.quote;
    if (t.text && now != null && squeeze(now) !== squeeze(t.text.exact)) out.push({ target: i, was: t.text.exact, now });
  });
  return out;
}
