import { afterNextPaint } from './after-paint.ts';
import { firstScreenful } from './library-loader.svelte.ts';

/**
 * The reader's views (page, text panels, photos, annotations, search
 * results, dialogs) come as their own chunk, asked for once the library's
 * first screenful has painted, or at once when something needs them first
 * (a document or a search opened before that). Until they are here
 * `current` is null and the app shows the library alone.
 */
type ReaderViews = typeof import('../components/reader-views.ts');

let views = $state.raw<ReaderViews | null>(null);
let loading: Promise<ReaderViews> | null = null;

export function loadReaderViews(): Promise<ReaderViews> {
  return (loading ??= import('../components/reader-views.ts').then((v) => (views = v)));
}

export const readerViews = {
  get current(): ReaderViews | null {
    return views;
  },
};

// After the frame that shows the first rows.
void firstScreenful.then(() => afterNextPaint()).then(loadReaderViews, () => {});
