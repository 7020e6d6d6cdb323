import type { Locator, Page } from '@playwright/test';
import type { DocumentSummary } from '../../core/library-model.ts';

export interface TopBarLayout {
  /** Background passes (search index, library update) showing in the bar. */
  passes: number;
  /** How much wider the status's text is than the status: 0 when it is whole. */
  statusShortBy: number;
  /** The status's "Show all" is there (it is, only while the status is cut). */
  showAll: boolean;
  barHeight: number;
  searchHeight: number;
  searchWidth: number;
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
   * The top bar's controls that overlap another one: each pair's names. Its buttons, the search box and the status,
   * by their boxes on screen (hidden ones left out); none should.
   */
  async topBarOverlaps(): Promise<string[]> {
    const parts = [this.search, this.status, ...(await this.topBar.getByRole('button').all())];
    const boxes: { name: string; box: { x: number; y: number; width: number; height: number } }[] = [];
    for (const part of parts) {
      const box = await part.boundingBox();
      if (!box || box.width === 0 || box.height === 0) continue;
      boxes.push({ name: (await part.getAttribute('aria-label')) ?? (await part.innerText()).slice(0, 30), box });
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.box, boxes[j]!.box];
        const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
        if (!apart) overlaps.push(`${boxes[i]!.name} × ${boxes[j]!.name}`);
      }
    }
    return overlaps;
  }

  /**
   * The top bar's layout in one look, with the background passes showing in it at that moment: while a pass shows,
   * the bar may wrap and its status gets less room by design (App's .passes), so a layout is only compared once none
   * shows. Read in one evaluate: a pass that starts between two separate reads (a search index pass after an import
   * does, at its own time) made the status 5.7 px short in one of several CI runs.
   */
  async topBarLayout(): Promise<TopBarLayout> {
    return this.page.evaluate(() => {
      const bar = document.querySelector('header.topbar')!;
      const status = bar.querySelector('[role="status"]')!;
      const search = bar.querySelector('input[type="search"]')!;
      const text = document.createRange();
      text.selectNodeContents(status);
      return {
        passes: bar.querySelectorAll('.background-progress').length,
        // Measured to the fraction of a pixel: losing 0.1 px to the search box was enough for "…".
        statusShortBy: Math.max(0, text.getBoundingClientRect().width - status.getBoundingClientRect().width),
        showAll: [...bar.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Show all'),
        barHeight: bar.getBoundingClientRect().height,
        searchHeight: search.getBoundingClientRect().height,
        searchWidth: search.getBoundingClientRect().width,
      };
    });
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
