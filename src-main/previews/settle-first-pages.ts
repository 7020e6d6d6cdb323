import type { PreviewService } from './preview-service.ts';

/**
 * How long an import's answer may wait for its first pages' previews. A typeset page is not drawn here (that is
 * ~0.1–0.6 s of pdf.js a page, typeset-raster.ts: the background pass does it after the import) and is answered in
 * about a millisecond (24 generated NDNP pages: 21 ms wall, 16 ms CPU); a real scan's preview is made, ~120 ms each
 * (the three LoC scans: 357 ms wall, 251 ms CPU at load 4). A batch of hundreds of scans is not held back
 * for them: past this, the background pass makes the rest, as before.
 */
const SETTLE_BUDGET_MS = 2000;

/**
 * Settles whether the first page of each document an import brought has a preview (made, or found to have
 * none) before the import is announced. The list's "has a preview" column (first-page-previews.ts) answers
 * from that; asked the moment `library.changed` went out, the background pass had not reached the new rows,
 * so their column said "not known" and the thumbnail and the reader each asked for the preview of a typeset
 * page: two 404s on every import. The pass would make these previews at once anyway (and the renderer asks
 * for a scan's straight away): they are made a moment earlier, one at a time, not made twice.
 */
export async function settleFirstPages(previews: PreviewService | undefined, ids: readonly string[], budgetMs = SETTLE_BUDGET_MS): Promise<void> {
  if (!previews) return;
  const until = performance.now() + budgetMs;
  // In import order: the first is the one the window opens (lib/import-reveal.ts).
  for (const id of ids) {
    if (performance.now() >= until) return;
    await previews.ensure(id, 1, { typeset: false }).catch(() => null);
  }
}
