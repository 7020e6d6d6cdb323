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

  /**
   * The fonts its text is drawn in, as Chromium looks each up (one synchronous round trip to the browser process per
   * family, size, weight and style): "family size weight style", sorted, each once.
   */
  fonts(): Promise<string[]> {
    return fontsDrawnIn(this.root);
  }

  row(name: string): Locator {
    return this.root.getByRole('list', { name: 'Documents', includeHidden: true }).getByRole('button', { name, includeHidden: true });
  }
}

/** The fonts the text under `root` is drawn in (placeholders included), each once, sorted: see FirstScreenPage.fonts. */
export function fontsDrawnIn(root: Locator): Promise<string[]> {
  return root.evaluate((el) => {
    const seen = new Set<string>();
    const add = (e: Element, pseudo?: string) => {
      const cs = getComputedStyle(e, pseudo);
      seen.add(`${cs.fontFamily.split(',')[0]} ${cs.fontSize} ${cs.fontWeight} ${cs.fontStyle}`);
    };
    const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.trim()) add(n.parentElement!);
    for (const field of el.querySelectorAll('input[placeholder]')) add(field, '::placeholder');
    return [...seen].sort();
  });
}
