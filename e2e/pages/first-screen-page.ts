import type { Locator, Page } from '@playwright/test';

/**
 * The first screen kept from the last start (core/first-screen.ts), over the app until the app's own rows are in.
 * Hidden from assistive technology (the app's own screen follows at once), so its parts are found with
 * `includeHidden`, by the same roles and names as the app's.
 */
export class FirstScreenPage {
  readonly root: Locator;
  readonly search: Locator;
  readonly libraryFilter: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    this.root = page.locator('#broadsheet-first-screen');
    this.search = this.root.getByRole('searchbox', { name: 'Search', includeHidden: true });
    this.libraryFilter = this.root.getByRole('searchbox', { name: 'Filter library', includeHidden: true });
    this.rows = this.root.getByRole('list', { name: 'Documents', includeHidden: true }).getByRole('button', { includeHidden: true });
  }

  row(name: string): Locator {
    return this.root.getByRole('list', { name: 'Documents', includeHidden: true }).getByRole('button', { name, includeHidden: true });
  }
}
