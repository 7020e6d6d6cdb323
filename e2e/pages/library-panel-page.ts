import type { Locator, Page } from '@playwright/test';
import type { DocumentSummary } from '../../core/library-model.ts';

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
}
