import type { PreviewService } from './preview-service.ts';

/**
 * Settles whether the first page of each document an import brought has a preview (made, or found to have
 * none) before the import is announced. The list's "has a preview" column (first-page-previews.ts) answers
 * from that; asked the moment `library.changed` went out, the background pass had not reached the new rows,
 * so their column said "not known" and the thumbnail and the reader each asked for the preview of a typeset
 * page: two 404s on every import. The pass would make these previews at once anyway (and the renderer asks
 * for a scan's straight away): they are made a moment earlier, one at a time, not made twice.
 */
export async function settleFirstPages(previews: PreviewService | undefined, ids: readonly string[]): Promise<void> {
  if (!previews) return;
  for (const id of ids) await previews.ensure(id, 1).catch(() => null);
}
