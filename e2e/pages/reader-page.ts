import type { Locator, Page } from '@playwright/test';
import type { DocumentSummary } from '../../core/library-model.ts';
import type { PageModel, Rect } from '../../core/page-model.ts';

/**
 * The reader as an archivist sees it: regions and controls found by role and
 * accessible name, so these tests also check what assistive technology gets.
 */
export class ReaderPage {
  readonly page: Page;
  readonly library: Locator;
  readonly original: Locator;
  readonly raw: Locator;
  readonly cleaned: Locator;
  readonly photos: Locator;
  readonly annotations: Locator;
  readonly search: Locator;
  readonly outlines: Locator;
  readonly selectionHighlights: Locator;
  readonly pageSurface: Locator;

  constructor(page: Page) {
    this.page = page;
    this.library = page.getByRole('region', { name: 'Library', exact: true });
    this.original = page.getByRole('region', { name: 'Original page', exact: true });
    this.raw = page.getByRole('region', { name: 'Raw text', exact: true });
    this.cleaned = page.getByRole('region', { name: 'Cleaned text', exact: true });
    this.photos = page.getByRole('region', { name: 'Photos', exact: true });
    this.annotations = page.getByRole('region', { name: 'Annotations', exact: true });
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.outlines = page.getByTestId('block-outline');
    this.selectionHighlights = page.getByTestId('selection-highlight');
    this.pageSurface = page.getByTestId('page-surface');
  }

  /** Calls the back end the way the renderer does (same cookie), for ground truth. */
  async api<T>(name: string, params: object = {}): Promise<T> {
    const response = await this.page.request.post(new URL(`/api/${name}`, this.page.url()).href, { data: params });
    const reply = (await response.json()) as { ok: boolean; result?: T; error?: string };
    if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
    return reply.result as T;
  }

  async documentByFile(fileName: string): Promise<DocumentSummary> {
    const docs = await this.api<DocumentSummary[]>('library.list');
    const doc = docs.find((d) => d.fileName === fileName);
    if (!doc) throw new Error(`${fileName} is not in the library (have ${docs.map((d) => d.fileName).join(', ')})`);
    return doc;
  }

  pageModel(id: string, page = 1): Promise<PageModel> {
    return this.api<PageModel>('document.page', { id, page });
  }

  libraryEntry(doc: DocumentSummary): Locator {
    return this.library.getByRole('button', { name: doc.title || doc.fileName });
  }

  async open(doc: DocumentSummary): Promise<void> {
    await this.libraryEntry(doc).click();
    await this.libraryEntry(doc).and(this.page.locator('[aria-current="true"]')).waitFor();
  }

  blocks(): Locator {
    return this.cleaned.locator('[data-block-id]');
  }

  block(id: string): Locator {
    return this.cleaned.locator(`[data-block-id="${id}"]`);
  }

  /** Text of the cleaned block, without its visible kind label. */
  blockText(id: string): Promise<string> {
    return this.block(id).locator('.block-text').innerText();
  }

  rawText(): Promise<string> {
    return this.raw.getByTestId('raw-text').evaluate((el) => el.textContent ?? '');
  }

  /** Waits for the page canvas to be laid out and returns its scale (CSS px per PDF point). */
  async pageScale(): Promise<number> {
    await this.pageSurface.waitFor();
    return Number(await this.pageSurface.getAttribute('data-scale'));
  }

  /** Outline boxes relative to the page surface, in CSS px. */
  async outlineBoxes(): Promise<Rect[]> {
    const origin = await this.pageSurface.boundingBox();
    if (!origin) throw new Error('page surface not visible');
    const boxes: Rect[] = [];
    for (const o of await this.outlines.all()) {
      const b = (await o.boundingBox())!;
      boxes.push([b.x - origin.x, b.y - origin.y, b.x - origin.x + b.width, b.y - origin.y + b.height]);
    }
    return boxes;
  }

  showRemovals(): Locator {
    return this.raw.getByRole('button', { name: 'Show removals' });
  }

  removalSummary(): Locator {
    return this.raw.getByRole('list', { name: 'Removed by cleaning' });
  }

  zoomLevel(): Locator {
    return this.original.getByRole('status', { name: 'Zoom level' });
  }
}
