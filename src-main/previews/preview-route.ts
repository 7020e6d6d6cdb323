import type { PreviewService } from './preview-service.ts';

/**
 * The URL of a page preview, beside the original it was made from:
 * `files/<document id>/preview/<page>`. Only this exact shape names one (no
 * encoding, no extra segments): the id must be a library document's and the
 * page one of its pages, or the host answers 404 as for any other path.
 */
const PREVIEW_PATH = /^\/files\/([0-9a-f]{64})\/preview\/([1-9][0-9]{0,5})$/;

export function previewRequest(rawPath: string): { id: string; page: number } | null {
  const m = PREVIEW_PATH.exec(rawPath);
  return m ? { id: m[1], page: Number(m[2]) } : null;
}

/** Makes the preview a request names if it is missing (a page the background has not reached yet). */
export async function preparePreview(previews: PreviewService | undefined, rawPath: string): Promise<void> {
  const wanted = previewRequest(rawPath);
  if (wanted && previews) await previews.ensure(wanted.id, wanted.page);
}
