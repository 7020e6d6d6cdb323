import { linkPhotos } from '../../core/photos/link-photos.ts';
import type { CleanedPage, RawPage } from '../../core/page-model.ts';

/**
 * The cleaned page of a one-page document with its photos linked, as the
 * library's relinkDocument would store them (library/photo-links.ts): the
 * extraction worker has the page's model in hand, where the main thread
 * had to pick the blocks back out of the stored cleaned JSON with SQLite
 * (the page's ~1 MB of JSON parsed three times, and once more to write the
 * links back): ~20 ms of the main thread's CPU for each one-page scan of a
 * batch, on the thread that also feeds both workers. The linker's input is
 * built as linkPages builds it: the page size of the page view (raw's), and
 * each block's id, kind, text and rects.
 */
export function linkLonePage(raw: RawPage, cleaned: CleanedPage): CleanedPage {
  if (!cleaned.photos?.length) return cleaned;
  // The page view's size (viewJsonOf encodes { ...raw, ...cleaned }), as linkPages reads it.
  const { width, height } = { ...raw, ...cleaned };
  const blocks = cleaned.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.text, rects: b.rects }));
  const [photos] = linkPhotos([{ number: raw.number, width, height, blocks, photos: cleaned.photos }]);
  // Assigned in place of the old list, so the key keeps its place in the stored JSON (json_set does the same).
  return { ...cleaned, photos };
}
