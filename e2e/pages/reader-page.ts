import { expect, type Locator, type Page } from '@playwright/test';
import type { DocumentSummary } from '../../core/library-model.ts';
import type { PageModel, Rect } from '../../core/page-model.ts';
import type { PageViewReply } from '../../core/page-view/page-view-codec.ts';

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
  readonly searchRegion: Locator;
  readonly searchResults: Locator;
  readonly libraryFilter: Locator;
  readonly pageHits: Locator;
  readonly currentPageHit: Locator;

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
    this.searchRegion = page.getByRole('region', { name: 'Search', exact: true });
    this.searchResults = page.getByRole('region', { name: 'Search results', exact: true });
    this.libraryFilter = this.library.getByRole('searchbox', { name: 'Filter library' });
    this.pageHits = page.getByTestId('search-hit');
    this.currentPageHit = page.getByTestId('search-hit-current');
  }

  /**
   * Calls the back end from inside the page, the way the renderer does, for
   * ground truth: through window.archive in Electron, over the host's HTTP
   * API (same cookie) in a browser.
   */
  async api<T>(name: string, params: object = {}): Promise<T> {
    const reply = (await this.page.evaluate(
      async ([n, p]) => {
        const bridge = (window as { archive?: { invoke(n: string, p: unknown): Promise<unknown> } }).archive;
        if (bridge) return bridge.invoke(n, p);
        // Relative: the host serves the app, and scopes its cookie, under a per-session path.
        const response = await fetch(`api/${encodeURIComponent(n)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(p) });
        return response.json();
      },
      [name, params] as const,
    )) as { ok: boolean; result?: T; error?: string };
    if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
    return reply.result as T;
  }

  /** How many blocks and items a page has, counted in the page: carrying a huge page model out of the browser takes Playwright minutes. */
  pageCounts(id: string, page = 1): Promise<{ blocks: number; items: number }> {
    return this.page.evaluate(
      async ([id, page]) => {
        const bridge = (window as { archive?: { invoke(n: string, p: unknown): Promise<unknown> } }).archive;
        const params = { id, page };
        const reply = (
          bridge
            ? await bridge.invoke('document.page', params)
            : // Relative: the host's session cookie is scoped to /s/<id>/.
              await (await fetch('api/document.page', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) })).json()
        ) as { ok: boolean; error?: string; result: { blocks: unknown[]; items: unknown[] } };
        if (!reply.ok) throw new Error(reply.error);
        return { blocks: reply.result.blocks.length, items: reply.result.items.length };
      },
      [id, page] as const,
    );
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

  /**
   * How much a thumbnail image varies: the standard deviation of its pixels'
   * luminance (0-255), read back from the decoded image. A blank, grey or
   * single-colour box is ~0; a printed page with text or pictures is well above.
   */
  /** Waits until every PDF in the library shows its thumbnail image (scans take a few seconds). */
  async waitForThumbnails(timeout = 30_000): Promise<void> {
    const docs = await this.api<DocumentSummary[]>('library.list');
    for (const d of docs.filter((doc) => doc.kind === 'pdf')) {
      await this.libraryEntry(d).getByTestId('thumb-image').waitFor({ timeout });
    }
  }

  /** Standard deviation of the luminance of an image, or of a canvas (the page's preview): a blank has none. */
  thumbnailContrast(thumb: Locator): Promise<number> {
    return thumb.evaluate(async (img: HTMLImageElement | HTMLCanvasElement) => {
      if (img instanceof HTMLImageElement) await img.decode();
      const c = document.createElement('canvas');
      c.width = img instanceof HTMLImageElement ? img.naturalWidth : img.width;
      c.height = img instanceof HTMLImageElement ? img.naturalHeight : img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let n = 0;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < data.length; i += 4) {
        const y = data[i + 3] === 0 ? 255 : 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
        n++;
        sum += y;
        sq += y * y;
      }
      return n ? Math.sqrt(sq / n - (sum / n) ** 2) : 0;
    });
  }

  async open(doc: DocumentSummary): Promise<void> {
    await this.libraryEntry(doc).click();
    await this.libraryEntry(doc).and(this.page.locator('[aria-current="true"]')).waitFor();
  }

  /**
   * Opens a scan once its preview is made, with the original's download held
   * back: the page shows only its preview (pdf.js has nothing to paint) until
   * the returned `release()`. Browser host only: page.route does not see
   * Electron's app:// requests.
   */
  async openPreviewOnly(scan: DocumentSummary): Promise<() => void> {
    // The host makes previews in the background after it starts: wait for this one.
    await expect.poll(async () => (await this.api<PageViewReply>('document.pageView', { id: scan.id, page: 1 })).preview, { timeout: 60_000 }).toBe('ready');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await this.page.route(new RegExp(`/files/${scan.id}$`), async (route) => {
      await held;
      await route.continue();
    });
    // The app may have opened this scan already (it opens the first document at
    // start), and pdf.js keeps the documents it loaded: start the app again so
    // every load of the original goes through the held route.
    await this.page.reload();
    await this.open(scan);
    await expect(this.page.getByTestId('page-preview')).toHaveAttribute('data-preview-painted', `${scan.id}:1`);
    await expect(this.page.locator(`canvas[data-painted="${scan.id}:1"]`)).toHaveCount(0);
    return release;
  }

  /** Result buttons in the Search results panel, in the order shown. */
  searchHits(): Locator {
    return this.searchResults.locator('button[data-hit-index]');
  }

  /** The result button of the hit being shown (aria-current), if any. */
  currentSearchHit(): Locator {
    return this.searchHits().and(this.searchResults.locator('[aria-current="true"]'));
  }

  /** Text currently painted by the cleaned panel's search highlights (CSS Custom Highlight API). */
  highlightedText(name = 'search-hit'): Promise<string[]> {
    return this.page.evaluate((n) => [...(CSS.highlights.get(n) ?? [])].map((r) => (r as Range).toString()), name);
  }

  /** A locator's box relative to the page surface, in CSS px. */
  async boxOnPage(locator: Locator): Promise<Rect> {
    const origin = (await this.pageSurface.boundingBox())!;
    const b = (await locator.boundingBox())!;
    return [b.x - origin.x, b.y - origin.y, b.x - origin.x + b.width, b.y - origin.y + b.height];
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

  /** The whole raw text, once the panel has rendered all of it (the rest of a page follows its first screenful in idle time). */
  async rawText(): Promise<string> {
    // The panel first: asked before it was there, the wait below had nothing busy to wait for, and the text read as
    // the panel appeared was its first screenful (6,000 characters of the 1918 page's raw text, in a CI run).
    await this.raw.getByTestId('raw-text').waitFor({ state: 'attached' });
    await this.textRendered();
    return this.raw.getByTestId('raw-text').evaluate((el) => el.textContent ?? '');
  }

  /**
   * Waits until the text panels are there and have rendered the page whole (they say aria-busy while the rest is
   * being added): with no panel yet, nothing was busy and the wait ended before the text had come.
   */
  async textRendered(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('[data-lazy-root]') && !document.querySelector('[aria-busy="true"][data-lazy-root]'));
  }

  /**
   * Waits for the page to be painted and its fit-to-width scale to settle
   * (the panes reach their final widths a moment after a document opens),
   * then returns it (CSS px per PDF point).
   */
  async pageScale(): Promise<number> {
    await this.pageSurface.waitFor();
    await this.page.locator('canvas[data-painted]').first().waitFor();
    const read = async () => Number(await this.pageSurface.getAttribute('data-scale'));
    let scale = await read();
    for (let i = 0; i < 40; i++) {
      await this.page.waitForTimeout(150);
      const next = await read();
      if (next === scale) return scale;
      scale = next;
    }
    return scale;
  }

  /**
   * Expects `boxes()` (CSS px, relative to the page surface) to lie on `rects` (PDF points) at the page's scale, each
   * coordinate within `tolerance` px. Fit-width settles once the panes reach their final widths (a moment after a
   * document opens or the app reloads), so the scale and the boxes are read together, again, until they agree: a
   * scale read once, before, may never match.
   */
  async expectBoxesOnRects(boxes: () => Promise<Rect[]>, rects: Rect[], tolerance: number, timeout = 30_000): Promise<void> {
    await expect(async () => {
      const scale = await this.pageScale();
      expect(scale).toBeGreaterThan(0);
      const got = await boxes();
      expect(got).toHaveLength(rects.length);
      got.forEach((box, i) => box.forEach((v, k) => expect(Math.abs(v - rects[i][k] * scale), `rect ${i} coord ${k}`).toBeLessThanOrEqual(tolerance)));
    }).toPass({ timeout });
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

  /** The scroll containers of the two text panels. */
  rawScroller(): Locator {
    return this.raw.getByRole('group', { name: 'Raw text, as extracted' });
  }

  cleanedScroller(): Locator {
    return this.cleaned.getByRole('group', { name: 'Cleaned text, as read' });
  }

  /** Scrolls a panel so the element matching `selector` starts at the panel's top edge, as a reader's wheel would. */
  async scrollToTop(scroller: Locator, selector: string): Promise<void> {
    await scroller.evaluate((el, sel) => {
      const target = el.querySelector(sel)!;
      el.scrollTop += target.getBoundingClientRect().top - el.getBoundingClientRect().top;
    }, selector);
  }

  /** The raw text of the first `lines` lines the raw panel shows at its top edge (as a reader sees them). */
  rawTopText(lines = 3): Promise<string> {
    return this.rawScroller().evaluate((el, lines) => {
      const pre = el.querySelector('pre')!;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(pre);
      const lineHeight = parseFloat(style.lineHeight);
      const left = pre.getBoundingClientRect().left + 1;
      const offsetAt = (x: number, y: number) => {
        const range = document.caretRangeFromPoint(x, y);
        if (!range || !pre.contains(range.startContainer)) return -1;
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n === range.startContainer) return offset + range.startOffset;
          offset += n.textContent!.length;
        }
        return -1;
      };
      const text = pre.textContent ?? '';
      const from = offsetAt(left, box.top + 2);
      const to = offsetAt(pre.getBoundingClientRect().right - 2, box.top + 2 + lines * lineHeight);
      if (from < 0) return '';
      const lineStart = text.lastIndexOf('\n', from - 1) + 1;
      return text.slice(Math.min(lineStart, from), to < 0 ? from + 200 : to);
    }, lines);
  }

  /**
   * Where the current search hit sits in the cleaned panel's visible box: its highlighted words (the block marked
   * current when the words are not highlighted, a corrected block) wholly inside, and at least 16 px from the top and
   * bottom edges where the panel could scroll further (a hit on the very edge reads as cut off).
   */
  currentHitPlacement(): Promise<{ inside: boolean; awayFromEdges: boolean; centred: boolean } | null> {
    return this.cleanedScroller().evaluate((el) => {
      const words = [...(CSS.highlights.get('search-current') ?? [])] as Range[];
      const block = el.querySelector('[data-search-current]');
      const rect = words[0]?.getBoundingClientRect() ?? block?.getBoundingClientRect();
      if (!rect) return null;
      const box = el.getBoundingClientRect();
      const inside = rect.top >= box.top && rect.bottom <= box.bottom && rect.left >= box.left && rect.right <= box.right;
      // Unless the panel cannot scroll further that way (a hit in the page's first or last lines).
      const atTop = el.scrollTop <= 0;
      const atBottom = el.scrollTop >= el.scrollHeight - el.clientHeight - 1;
      const awayFromEdges = (atTop || rect.top - box.top >= 16) && (atBottom || box.bottom - rect.bottom >= 16);
      // Its middle in the panel's middle third, unless the panel cannot scroll further toward it.
      const middle = (rect.top + rect.bottom) / 2 - box.top;
      const centred = (atTop || middle >= box.height / 3) && (atBottom || middle <= (box.height * 2) / 3);
      return { inside, awayFromEdges, centred };
    });
  }

  /** Scrolls the cleaned panel so block `id` starts `offset` px below its top edge, as a reader's wheel would. */
  async scrollBlockTo(id: string, offset: number): Promise<void> {
    await this.cleanedScroller().evaluate(
      (el, [id, offset]) => {
        const block = el.querySelector(`[data-block-id="${CSS.escape(id)}"]`)!;
        el.scrollTop += block.getBoundingClientRect().top - el.getBoundingClientRect().top - offset;
      },
      [id, offset] as const,
    );
  }

  /**
   * Where the reader is in the text panels: how far block `id` starts below the cleaned panel's top edge, and how far
   * the raw panel is scrolled (its text is the same before and after a correction, so the same scrollTop is the same
   * place). Read once two frames in a row agree: the raw panel follows the cleaned one a frame later (lib/scroll-link).
   */
  async textPlace(id: string): Promise<{ cleaned: number; raw: number; settled: boolean }> {
    const raw = await this.rawScroller().elementHandle();
    return this.cleanedScroller().evaluate(
      async (el, [id, raw]) => {
        const read = () => {
          const block = el.querySelector(`[data-block-id="${CSS.escape(id)}"]`);
          return { cleaned: block ? block.getBoundingClientRect().top - el.getBoundingClientRect().top : NaN, raw: raw!.scrollTop, settled: true };
        };
        const frame = () => new Promise((done) => requestAnimationFrame(done));
        let last = read();
        for (let i = 0; i < 30; i++) {
          await frame();
          await frame();
          const now = read();
          if (now.cleaned === last.cleaned && now.raw === last.raw) return now;
          last = now;
        }
        return { ...last, settled: false };
      },
      [id, raw] as const,
    );
  }

  /**
   * Whether the raw line holding `text` is rendered and wholly inside the raw panel's visible box, the same for two
   * frames running (the raw panel follows the cleaned one a frame later, and its text renders in steps).
   */
  rawLineInView(text: string): Promise<boolean> {
    return this.rawScroller().evaluate(async (el, text) => {
      const inView = () => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent!.indexOf(text);
          if (at < 0) continue;
          const range = new Range();
          range.setStart(n, at);
          range.setEnd(n, at + text.length);
          const rect = range.getBoundingClientRect();
          const box = el.getBoundingClientRect();
          return rect.height > 0 && rect.top >= box.top && rect.bottom <= box.bottom;
        }
        return false;
      };
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      const before = inView();
      await frame();
      await frame();
      return before && inView();
    }, text);
  }

  /** Id of the first cleaned block whose bottom is below the panel's top edge. */
  cleanedTopBlock(): Promise<string | null> {
    return this.cleanedScroller().evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      for (const b of el.querySelectorAll<HTMLElement>('[data-block-id]')) if (b.getBoundingClientRect().bottom > top + 1) return b.dataset.blockId!;
      return null;
    });
  }

  /** The page strip's thumbnail buttons, in page order. */
  thumbnails(): Locator {
    return this.original.getByRole('navigation', { name: 'Page thumbnails' }).getByRole('button');
  }

  /** The page canvas once painted (data-painted="<docId>:<page>"). */
  paintedPage(): Locator {
    return this.original.locator('canvas[data-painted]');
  }

  pageNumber(): Locator {
    return this.original.getByRole('textbox', { name: 'Page number' });
  }

  /** "Page 2 of 4 · Evening Star, 1918-09-01": where the open page sits in its issue. */
  issuePlace(): Locator {
    return this.original.getByTestId('issue-place');
  }

  /** The cleaned text's header line beside (or under) its heading: "N blocks · layout from …". */
  cleanedHint(): Locator {
    return this.cleaned.getByText(/^\d+ blocks · /);
  }

  /**
   * How the cleaned text's header is laid out, read in one go: the hint as shown (innerText: what is displayed), whether
   * its text fits its box (no ellipsis), the lines it takes, whether it sits beside the heading or under it, whether it
   * ends inside the header, and whether the header is as tall as the raw text's (the two texts start level).
   */
  cleanedHeadLayout(): Promise<{ text: string; fits: boolean; lines: number; besideHeading: boolean; insideHead: boolean; levelWithRaw: boolean }> {
    return this.cleanedHint().evaluate((hint: HTMLElement) => {
      const head = hint.closest('.panel-head')!;
      const heading = head.querySelector('h2')!.getBoundingClientRect();
      const rawHead = document.querySelector('section[aria-labelledby="raw-heading"] > .panel-head')!;
      const box = hint.getBoundingClientRect();
      const h = head.getBoundingClientRect();
      const style = getComputedStyle(hint);
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      return {
        text: hint.innerText,
        fits: hint.scrollWidth <= hint.clientWidth,
        lines: Math.round(box.height / lineHeight),
        besideHeading: box.top < heading.bottom && box.left >= heading.right,
        insideHead: box.left >= h.left - 0.5 && box.right <= h.right + 0.5 && box.bottom <= h.bottom + 0.5,
        levelWithRaw: Math.abs(rawHead.getBoundingClientRect().height - h.height) < 0.5,
      };
    });
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
  /**
   * Holds back the renderer's next requests for `doc`'s page views until the returned `release()`: the reader's
   * page read again arrives when the test says (the views then rebuilt from it). Browser host only (page.route).
   */
  async holdPageViews(doc: DocumentSummary): Promise<() => Promise<void>> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const handler = async (route: import('@playwright/test').Route) => {
      if ((route.request().postData() ?? '').includes(doc.id)) await held;
      // On to the fixture's own route (it refuses other origins).
      await route.fallback();
    };
    await this.page.route('**/api/document.pageView', handler);
    // Released requests pass straight through afterwards.
    return async () => release();
  }

  /** The Articles dialog, opened from the top bar for the block the reader has chosen. */
  async openArticles(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Articles…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Articles' });
    await dialog.waitFor();
    return dialog;
  }
}
