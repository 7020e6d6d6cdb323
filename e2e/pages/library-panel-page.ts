import { expect, type Locator, type Page } from '@playwright/test';
import type { DocumentSummary } from '../../core/library-model.ts';

export interface TopBarLayout {
  /** Background passes (search index, library update) showing in the bar. */
  passes: number;
  /** How much wider the status's text is than the status: 0 when it is whole. */
  statusShortBy: number;
  /** The status's "Show all" is there (it is, only while the status is cut). */
  showAll: boolean;
  /** The status's text runs past its box, by the measure TopbarStatus offers "Show all" by. */
  cut: boolean;
  /** The status's overflow is drawn as "…". */
  ellipsis: boolean;
  barHeight: number;
  searchHeight: number;
  searchWidth: number;
  status: { x: number; width: number; height: number };
  /** The page's own width: more than the window's means it scrolls sideways. */
  pageWidth: number;
  /** The top bar's controls (its buttons, the search box and the status, hidden ones left out) that overlap another one: each pair's names. None should. */
  overlaps: string[];
  /** What the bar holds, left to right, with each one's width: when a layout is not the one expected, what took the room. */
  parts: string[];
}

/** The Library panel (list, filters, selection and bulk edit) and the top bar's status, by role and accessible name. */
export class LibraryPanelPage {
  readonly page: Page;
  readonly library: Locator;
  readonly documents: Locator;
  readonly newspaperFilter: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly bulkDialog: Locator;
  readonly topBar: Locator;
  readonly status: Locator;
  readonly search: Locator;
  /** The status's "Show all" (only while the status is cut), the status in full it opens under the top bar, and the import report it leads to instead while that report is on screen. */
  readonly showAll: Locator;
  readonly statusInFull: Locator;
  readonly importReport: Locator;

  constructor(page: Page) {
    this.page = page;
    this.library = page.getByRole('region', { name: 'Library', exact: true });
    this.documents = this.library.getByRole('list', { name: 'Documents' });
    this.newspaperFilter = this.library.getByRole('combobox', { name: 'Newspaper' });
    this.from = this.library.getByRole('textbox', { name: 'From' });
    this.to = this.library.getByRole('textbox', { name: 'To' });
    this.bulkDialog = page.getByRole('dialog', { name: /^Edit \d+ documents?$/ });
    this.topBar = page.getByRole('banner');
    this.status = this.topBar.getByRole('status');
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.showAll = this.topBar.getByRole('button', { name: 'Show all' });
    this.statusInFull = page.getByRole('note', { name: 'Status in full' });
    this.importReport = page.getByRole('group', { name: 'Import report' });
    this.failures = page.getByRole('alert').filter({ has: page.getByRole('list', { name: 'Files not imported' }) });
    this.skippedNote = this.importReport.getByRole('region');
  }

  /** The import report's red alert (failures only) and its neutral note (skipped files, notes). */
  readonly failures: Locator;
  readonly skippedNote: Locator;


  /**
   * The top bar's layout in one look, with the background passes showing in it at that moment: while a pass shows,
   * the bar may wrap and its status gets less room by design (App's .passes), so a layout is only compared once none
   * shows. Read in one evaluate: a pass that starts between two separate reads (a search index pass after an import
   * does, at its own time) made the status 5.7 px short in one of several CI runs.
   */
  async topBarLayout(): Promise<TopBarLayout> {
    return this.page.evaluate(() => {
      const bar = document.querySelector('header.topbar')!;
      // The elements `status` and `search` find: the status's live region (a library update's bar is a status too),
      // and the search box (an <input type="search">, a searchbox by its type, with no role attribute).
      const status = bar.querySelector<HTMLElement>('.status-wrap > [role="status"]')!;
      const search = bar.querySelector('input[type="search"]')!;
      const text = document.createRange();
      text.selectNodeContents(status);
      const box = (el: Element) => el.getBoundingClientRect();
      // What getByRole('button') finds in the bar and shows: on screen, with a size, not hidden from assistive technology.
      const shown = (el: Element) => {
        const b = box(el);
        return b.width > 0 && b.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden="true"]');
      };
      const parts = [search, status, ...bar.querySelectorAll('button, [role="button"]')]
        .filter(shown)
        .map((el) => ({ name: el.getAttribute('aria-label') ?? (el as HTMLElement).innerText.slice(0, 30), box: box(el) }));
      const overlaps: string[] = [];
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          const [a, b] = [parts[i]!.box, parts[j]!.box];
          const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
          if (!apart) overlaps.push(`${parts[i]!.name} × ${parts[j]!.name}`);
        }
      }
      return {
        passes: bar.querySelectorAll('.background-progress').length,
        // Measured to the fraction of a pixel: losing 0.1 px to the search box was enough for "…".
        statusShortBy: Math.max(0, text.getBoundingClientRect().width - box(status).width),
        showAll: [...bar.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Show all'),
        cut: status.scrollWidth > status.clientWidth + 1,
        ellipsis: getComputedStyle(status).textOverflow === 'ellipsis',
        barHeight: box(bar).height,
        searchHeight: box(search).height,
        searchWidth: box(search).width,
        status: { x: box(status).x, width: box(status).width, height: box(status).height },
        pageWidth: document.documentElement.scrollWidth,
        overlaps,
        parts: [...bar.children].filter((el) => box(el).width > 0).map((el) => `${el.className.split(' ')[0] || el.tagName.toLowerCase()} ${box(el).width.toFixed(1)}`),
      };
    });
  }

  /**
   * The top bar's layout once it has settled: no background pass showing, and "Show all" there exactly when the
   * status is cut. TopbarStatus learns that from a ResizeObserver, which reports after the next layout: a window
   * resized a moment ago still has the "Show all" of its old width.
   */
  async settledTopBarLayout(timeout = 60_000): Promise<TopBarLayout> {
    let layout!: TopBarLayout;
    await expect
      .poll(async () => {
        layout = await this.topBarLayout();
        return layout.passes === 0 && layout.showAll === layout.cut;
      }, { timeout, message: 'the top bar with no background pass showing, and "Show all" there exactly when the status is cut' })
      .toBe(true);
    return layout;
  }

  /** A document's row in the list, by its title (or file name). */
  entry(doc: Pick<DocumentSummary, 'title' | 'fileName'>): Locator {
    return this.library.getByRole('button', { name: doc.title || doc.fileName });
  }

  rows(): Locator {
    return this.documents.getByRole('listitem');
  }

  /** Select → tick each document → Edit…: the bulk edit dialog, open. */
  async editTogether(docs: readonly Pick<DocumentSummary, 'title' | 'fileName'>[]): Promise<Locator> {
    await this.library.getByRole('button', { name: 'Select' }).click();
    for (const d of docs) await this.library.getByRole('checkbox', { name: d.title || d.fileName }).check();
    await this.library.getByRole('button', { name: 'Edit…' }).click();
    return this.bulkDialog;
  }
  /** Imports files as the archivist does with the Library's Import… button (its file input). */
  async importFiles(files: string[] | { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await this.library.getByLabel('Import files').setInputFiles(files);
  }

  /** Imports a folder as the archivist does with the Library's Folder… button (its directory input). */
  async importFolder(dir: string): Promise<void> {
    await this.library.getByLabel('Import a folder').setInputFiles(dir);
  }

  /** How many documents the list holds (rows say their place in the whole list: only those in view are in the DOM). */
  async listSize(): Promise<number> {
    return Number(await this.rows().first().getAttribute('aria-setsize'));
  }

  /** Scrolls the list to its end (as far as it goes). */
  async scrollListToEnd(): Promise<void> {
    await this.documents.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  }

  /** Scrolls the list back to its top. */
  async scrollListToTop(): Promise<void> {
    await this.documents.evaluate((el) => el.scrollTo({ top: 0 }));
  }
}
