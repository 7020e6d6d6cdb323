/**
 * Below this score a photo link is shown as weak/uncertain, never as "best".
 * The linker always keeps a photo's best candidate, even for a picture whose
 * story is not in the document (the 1918 sample's cartoon gets 0.115).
 *
 * Measured by src-main/extract/photo-link-strength.test.ts on the generated
 * photo documents: each caption scored against every paragraph, the true
 * paragraph's score against the best wrong one's (what "best" would be
 * if the story were missing). Seeds 1–7 (n = 56): true p10 0.469, p50 0.661;
 * best wrong p50 0.384, p90 0.496. The cut is that p90, rounded: calling a
 * wrong link "best" is the error archivists reported, so nine in ten best
 * wrong links must fall below it. There 5/56 wrong links reach it and 9/56
 * true ones fall below. Unseen seeds 8–30 (n = 184): 28 wrong at or above,
 * 38 true below; 66 errors, the fewest of any cut from 0.35 to 0.55.
 */
export const WEAK_LINK_SCORE = 0.5;

/** A link as scored: its score, and the archivist's word on it (confirmed, added) if any. */
export interface ScoredLink {
  score: number;
  origin?: string;
}

/** The archivist's word is never weak; the linker's own below the cut is. */
export function isWeakLink(link: ScoredLink): boolean {
  return !link.origin && link.score < WEAK_LINK_SCORE;
}

/** What to call a photo's link at `rank` (0 = first): "best", "weak/uncertain", or nothing. */
export function linkStrengthLabel(link: ScoredLink, rank: number): 'best' | 'weak/uncertain' | '' {
  if (isWeakLink(link)) return 'weak/uncertain';
  return rank === 0 ? 'best' : '';
}
