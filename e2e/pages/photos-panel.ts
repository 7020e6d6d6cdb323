import type { Locator, Page } from '@playwright/test';
import type { Rect } from '../../core/page-model.ts';
import { ReaderPage } from './reader-page.ts';

/** The Photos panel and what choosing a photo shows elsewhere (page outline, linked paragraphs). */
export class PhotosPanel {
  readonly reader: ReaderPage;
  readonly region: Locator;
  readonly cards: Locator;
  readonly links: Locator;
  readonly outline: Locator;

  constructor(page: Page) {
    this.reader = new ReaderPage(page);
    this.region = this.reader.photos;
    this.cards = this.region.getByRole('list', { name: 'Photos on this page' }).getByRole('listitem');
    this.links = this.region.getByRole('group', { name: 'Paragraphs this photo illustrates' });
    this.outline = page.getByTestId('photo-outline');
  }

  /**
   * How much of a photo's card is out of view, in whole px ({ top: 0, bottom: 0, left: 0, right: 0 }: whole in view):
   * above and below the panel's scroller, left and right of the cards' row (it scrolls sideways in a narrow panel).
   * The boxes are read in one go, so a scroll between two readings cannot mix two layouts.
   */
  cardCut(caption: string): Promise<{ top: number; bottom: number; left: number; right: number }> {
    const card = this.cards.filter({ has: this.region.page().getByRole('button', { name: caption, exact: true }) });
    return card.evaluate((li) => {
      // The panel's scroller: its body, named by the panel's heading like the panel itself.
      const view = li.closest('[role="group"]')!.getBoundingClientRect();
      const row = li.parentElement!.getBoundingClientRect();
      const box = li.getBoundingClientRect();
      const out = (n: number) => Math.max(0, Math.round(n));
      return { top: out(view.top - box.top), bottom: out(box.bottom - view.bottom), left: out(row.left - box.left), right: out(box.right - row.right) };
    });
  }

  /** The photo's button, named by its caption (its image's alt text too). */
  photo(caption: string | RegExp): Locator {
    return this.region.getByRole('button', { name: caption });
  }

  images(): Locator {
    return this.region.getByTestId('photo-image');
  }

  linkItems(): Locator {
    return this.links.getByRole('listitem');
  }

  /**
   * How far (px) each link's list number sits below the first line of the link's text: 0 when level. The number stands
   * on its item's first line box, so a probe there (a zero-width space put before the link and taken out at once)
   * stands where the number does; the number itself (::marker) has no box to read.
   */
  markerDrops(): Promise<number[]> {
    return this.linkItems().evaluateAll((items) =>
      items.map((li) => {
        const link = li.querySelector('button')!;
        const probe = document.createElement('span');
        probe.textContent = '\u200b';
        li.prepend(probe);
        const number = probe.getBoundingClientRect();
        probe.remove();
        const text = document.createTreeWalker(link, NodeFilter.SHOW_TEXT).nextNode()!;
        const firstChar = document.createRange();
        firstChar.setStart(text, 0);
        firstChar.setEnd(text, 1);
        const firstLine = firstChar.getClientRects()[0];
        return Math.round(number.bottom - firstLine.bottom);
      }),
    );
  }

  /** How many lines each link's text takes. */
  linkLines(): Promise<number[]> {
    return this.linkItems().evaluateAll((items) =>
      items.map((li) => {
        const link = li.querySelector('button')!;
        const range = document.createRange();
        range.selectNodeContents(link);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }),
    );
  }

  /** Cleaned-text blocks marked as linked to the chosen photo, best first. */
  linkedBlocks(): Locator {
    return this.reader.cleaned.locator('[data-photo-rank]');
  }

  topLinkedBlock(): Locator {
    return this.reader.cleaned.locator('[data-photo-rank="1"]');
  }

  /** The photo outline's box relative to the page surface, in CSS px. */
  async outlineBox(): Promise<Rect> {
    const origin = (await this.reader.pageSurface.boundingBox())!;
    const b = (await this.outline.boundingBox())!;
    return [b.x - origin.x, b.y - origin.y, b.x - origin.x + b.width, b.y - origin.y + b.height];
  }
}
