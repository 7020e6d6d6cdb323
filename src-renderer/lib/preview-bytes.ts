/**
 * A page's preview image (files/<id>/preview/<page>), fetched once for everything that shows it: the library row's
 * thumbnail and the page view both draw the open document's first page from it, and each fetched it (walk: two
 * requests for the same bytes). The host forbids caching its responses, so the browser's cache shares nothing.
 * A fetch under way is shared; the last KEEP previews stay (a row's thumbnail is usually drawn just before its page
 * is opened). A refusal or a failure is not kept: a preview still being made is there when asked again.
 */
export interface PreviewBytes {
  status: number;
  /** The image, or null when the answer was no image (404 for a page without a preview). */
  blob: Blob | null;
}

const KEEP = 24;
const kept = new Map<string, Promise<PreviewBytes>>();

export function previewBytes(url: string): Promise<PreviewBytes> {
  const hit = kept.get(url);
  if (hit) {
    kept.delete(url);
    kept.set(url, hit);
    return hit;
  }
  const job = fetch(url, { credentials: 'same-origin' }).then(async (r) => ({
    status: r.status,
    blob: r.ok && r.headers.get('content-type')?.startsWith('image/') ? await r.blob() : null,
  }));
  kept.set(url, job);
  const drop = () => kept.get(url) === job && kept.delete(url);
  job.then((b) => b.blob || drop(), drop);
  while (kept.size > KEEP) kept.delete(kept.keys().next().value!);
  return job;
}
