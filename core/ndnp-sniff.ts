/** An NDNP issue METS says so in its root element's TYPE. */
export const ISSUE_METS_TYPE = /ndnp:mets:newspaper:issue/;

/** Larger XML files are not issue METS (those are tens of KB); ALTO pages can be MBs and need no look. */
export const MAX_METS_BYTES = 16 * 1024 * 1024;

/**
 * True when the head (first 4 KB) of an XML file says it is an NDNP issue
 * METS: cheap enough to ask of every .xml in a batch, by the planner on disk
 * and by the renderer choosing what of a dropped folder to send.
 */
export function looksLikeIssueMets(head: string): boolean {
  return /<(?:\w+:)?mets[\s>]/.test(head) && ISSUE_METS_TYPE.test(head);
}

/** Largest ALTO page the renderer sends with a drop (the back end's own limit for an ALTO beside a PDF). */
export const MAX_ALTO_BYTES = 64 * 1024 * 1024;

/**
 * True when the head of an XML file is an ALTO page: a dropped folder sends
 * it with its scan, whose layout it gives (the OCR engine's blocks and lines).
 */
export function looksLikeAlto(head: string): boolean {
  return /<(?:\w+:)?alto[\s>]/.test(head);
}
