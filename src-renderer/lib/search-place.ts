import type { SearchHit } from '../../core/search/search-model.ts';

/**
 * Where the archivist is in a list of hits, kept when the same query is searched again under them (the index caught
 * up with an import, a document was removed): Enter goes on from there, not from the top or the first hit on the page.
 */
export interface HitPlace {
  /** Index into the hits of the hit shown, or -1. */
  current: number;
  /** With no hit shown because the one shown left the list: the index of the hit Enter goes to next, or null. */
  next: number | null;
}

export interface HitList {
  hits: readonly SearchHit[];
  /** The order Enter steps in (search-hits.ts stepOrder). */
  order: readonly number[];
}

/**
 * The same hit in another list: the same block of the same page of the same document, or for the raw layer (block
 * null) the same page's raw text. Not its offsets nor its layer: a correction moves the words in the block and makes
 * its hit a corrected one, and the archivist is still on that block.
 */
export function hitIdentity(hit: SearchHit): string {
  return `${hit.document}\u0000${hit.page}\u0000${hit.block ?? ''}`;
}

/**
 * The place in `after` that matches `place` in `before`. The hit shown stays shown if `after` has it. If not, none is
 * shown and Enter goes to the first hit that followed it in `before`'s order and is still listed (Shift+Enter to the
 * one listed before that), as if the gone hit had been stepped over; with none left after it, Enter starts from the
 * top, as it wraps after the last hit.
 */
export function keepPlace(before: HitList, place: HitPlace, after: HitList): HitPlace {
  const shown = place.current >= 0 && before.hits[place.current] ? place.current : null;
  const from = shown ?? place.next;
  if (from === null || !before.hits[from]) return { current: -1, next: null };
  const where = new Map<string, number>();
  for (const i of after.order) {
    const key = hitIdentity(after.hits[i]);
    if (!where.has(key)) where.set(key, i);
  }
  if (shown !== null) {
    const same = where.get(hitIdentity(before.hits[shown]));
    if (same !== undefined) return { current: same, next: null };
  }
  const at = before.order.indexOf(from);
  // The hit Enter was to go to next counts itself; a hit shown is gone, so the search starts after it.
  for (const i of before.order.slice(shown === null ? Math.max(at, 0) : at + 1)) {
    const found = where.get(hitIdentity(before.hits[i]));
    if (found !== undefined) return { current: -1, next: found };
  }
  return { current: -1, next: null };
}
