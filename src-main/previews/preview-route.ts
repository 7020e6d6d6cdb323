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

/**
 * The longest a request waits for its preview to be made. A dense LoC scan's takes ~120 ms (~0.4 s at load 4);
 * past this the request is answered 404 and the renderer draws the page with pdf.js, as for a page without one.
 */
export const PREVIEW_WAIT_MS = 10_000;

/**
 * Makes the preview a request names if it is missing (a page the background has not reached yet): the list says
 * a scan's first page has one from the moment it is imported (first-page-scan.ts), so the first request for it
 * waits for it to be made rather than finding nothing. Bounded: an id that is no library document's (or a page
 * past its last) is refused at once by `ensure`, and no wait lasts longer than `waitMs`.
 */
export async function preparePreview(previews: PreviewService | undefined, rawPath: string, waitMs = PREVIEW_WAIT_MS): Promise<void> {
  const wanted = previewRequest(rawPath);
  if (!wanted || !previews) return;
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
  try {
    await Promise.race([previews.ensure(wanted.id, wanted.page).catch(() => null), bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Caching for a preview's answer. Its URL names the original by content hash, and the file is made once per preview
 * version (previews/<id>/<page>.v<N>.jpg), so the browser may keep it: with `no-store` a reload asked for the open
 * scan's first-page preview twice (its library thumbnail and the page view), and waited on both. The ETag names the
 * file made (its version in the name, size and time), so a preview made again, by a newer version, is a new one.
 */
export function previewCaching(file: string, size: number, mtimeMs: number): { 'cache-control': string; etag: string } {
  const made = file.split(/[\\/]/).pop()!;
  return { 'cache-control': 'private, max-age=31536000, immutable', etag: `"${made}-${size}-${Math.round(mtimeMs)}"` };
}
