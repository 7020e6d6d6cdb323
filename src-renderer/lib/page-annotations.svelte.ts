import type { AnnotationView } from '../../core/annotations/annotation.ts';
import type { Rect } from '../../core/page-model.ts';

/**
 * The annotations of the page shown, as the back end re-anchored them, and
 * the marks the page view draws for them: one per target on this page (an
 * orphan's has no boxes: the panel lists it, the page cannot draw it).
 */
export interface PageAnnotationsBackend {
  list: (docId: string, page: number) => Promise<AnnotationView[]>;
  /** The page shown, or null. */
  where: () => { docId: string; page: number } | null;
  fail: (err: unknown) => void;
}

export interface AnnotationMark {
  id: string;
  colour: AnnotationView['colour'];
  rects: Rect[];
}

export class PageAnnotations {
  items = $state.raw<AnnotationView[]>([]);

  readonly marks: AnnotationMark[] = $derived.by(() => {
    const at = this.backend.where();
    if (!at) return [];
    return this.items.flatMap((a) =>
      a.targets.flatMap((t, i) => (t.docId === at.docId && t.page === at.page && a.resolved[i] ? [{ id: `${a.id}:${i}`, colour: a.colour, rects: a.resolved[i].rects }] : [])),
    );
  });

  private readonly backend: PageAnnotationsBackend;

  constructor(backend: PageAnnotationsBackend) {
    this.backend = backend;
  }

  /** A new page is shown: forget the last one's and fetch this one's. */
  reset(): Promise<void> {
    this.items = [];
    return this.load();
  }

  /** Re-reads the page's annotations; an answer for a page no longer shown is dropped. */
  async load(): Promise<void> {
    const at = this.backend.where();
    if (!at) return;
    try {
      const list = await this.backend.list(at.docId, at.page);
      const now = this.backend.where();
      if (now?.docId === at.docId && now.page === at.page) this.items = list;
    } catch (err) {
      this.backend.fail(err);
    }
  }
}
