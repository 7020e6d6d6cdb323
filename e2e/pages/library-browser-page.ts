import type { Locator, Page } from '@playwright/test';

/** The library's "By newspaper" view: newspapers → years → calendar → issue → pages, by role and name. */
export class LibraryBrowserPage {
  readonly page: Page;
  readonly library: Locator;
  readonly path: Locator;

  constructor(page: Page) {
    this.page = page;
    this.library = page.getByRole('region', { name: 'Library', exact: true });
    this.path = this.library.getByRole('navigation', { name: 'Library path' });
  }

  async show(): Promise<void> {
    await this.library.getByRole('button', { name: 'By newspaper' }).click();
  }

  newspaper(name: string): Locator {
    return this.library.getByRole('list', { name: 'Newspapers' }).getByRole('button', { name: new RegExp(`^${name}`) });
  }

  year(year: number): Locator {
    return this.library.getByRole('list', { name: /^Years of / }).getByRole('button', { name: new RegExp(`^${year}`) });
  }

  month(caption: string): Locator {
    return this.library.getByRole('table', { name: caption });
  }

  /** An issue's day in the calendar, by its accessible name ("21 December 1900, 8 pages"). */
  issueDay(name: RegExp): Locator {
    return this.library.getByRole('button', { name });
  }

  pages(): Locator {
    return this.library.getByRole('list', { name: /^Pages of / }).getByRole('button');
  }
}
