import type { Locator, Page } from '@playwright/test';

/** Whether each crumb of the path shows its whole text, and whether the row stays within the path's box. */
export interface PathLayout {
  /** The path's width, px (the panel it is in, less its padding): a reading at another width is not this one. */
  width: number;
  /** By crumb, named by its title (the full text it shows on hover): its text fits its box (no ellipsis). */
  whole: Record<string, boolean>;
  /** By crumb: whole, or cut but showing its first three letters before the ellipsis ("New…", not "N…"). */
  readable: Record<string, boolean>;
  /**
   * By crumb: what it shows, as its own font draws it in its box: the whole text, or the most of its start that fits
   * before an ellipsis ("The Fixtu…"), or the ellipsis alone ("…").
   */
  shown: Record<string, string>;
  /** The crumbs and separators end within the path's box. */
  row: boolean;
  /** Two frames in a row read the same (false: still changing after a second's worth of frames; poll again). */
  settled: boolean;
}

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

  /**
   * The path measured in one go, to the fraction of a pixel, once two frames in a row read the same: the crumbs are
   * laid out again as the panel takes its width, and a reading taken meanwhile (or a crumb at a time, between
   * layouts) mixed two layouts. Widths are fractional: a crumb whose text is 87.6 px in a box of 87.6 px is whole,
   * though whole pixels (scrollWidth 88, clientWidth 87) may say otherwise.
   */
  pathLayout(): Promise<PathLayout> {
    return this.path.evaluate(async (nav) => {
      const read = () => {
        const box = (el: Element) => el.getBoundingClientRect();
        const inner = (el: Element) => {
          const s = getComputedStyle(el);
          const b = box(el);
          const left = b.left + parseFloat(s.paddingLeft) + parseFloat(s.borderLeftWidth);
          return { left, right: b.right - parseFloat(s.paddingRight) - parseFloat(s.borderRightWidth) };
        };
        // The crumb's printed text: its text nodes, not a part kept for screen readers (sr-only, a 1 px box) nor one
        // not shown (display: none).
        const printedNodes = (el: Element) => {
          const out: Text[] = [];
          const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const parent = n.parentElement!;
            if (parent !== el && (parent.getClientRects().length === 0 || parent.getBoundingClientRect().width <= 1)) continue;
            out.push(n as Text);
          }
          return out;
        };
        const textWidth = (el: Element) => {
          let w = 0;
          for (const n of printedNodes(el)) {
            const r = document.createRange();
            r.selectNodeContents(n);
            w += r.getBoundingClientRect().width;
          }
          return w;
        };
        const whole: Record<string, boolean> = {};
        const readable: Record<string, boolean> = {};
        const shown: Record<string, string> = {};
        // The width of a crumb's first letters and an ellipsis, as the crumb's own font draws them.
        const measure = document.createElement('canvas').getContext('2d')!;
        const printed = (el: Element) => printedNodes(el).map((n) => n.textContent).join('');
        // The crumbs: the path's children but the separators (aria-hidden "›").
        for (const crumb of nav.querySelectorAll(':scope > :not([aria-hidden])')) {
          const room = inner(crumb);
          const name = crumb.getAttribute('title') ?? crumb.textContent ?? '';
          whole[name] = textWidth(crumb) <= room.right - room.left + 0.5;
          measure.font = getComputedStyle(crumb).font;
          readable[name] = whole[name] || measure.measureText(`${printed(crumb).slice(0, 3)}…`).width <= room.right - room.left + 0.5;
          const text = printed(crumb);
          let k = text.length;
          if (!whole[name]) {
            k = 0;
            while (k < text.length && measure.measureText(`${text.slice(0, k + 1).trimEnd()}…`).width <= room.right - room.left + 0.5) k++;
          }
          shown[name] = whole[name] ? text : `${text.slice(0, k).trimEnd()}…`;
        }
        const edge = inner(nav);
        const right = Math.max(...[...nav.children].map((c) => box(c).right));
        return { width: Math.round(edge.right - edge.left), whole, readable, shown, row: right <= edge.right + 0.5, settled: true };
      };
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      let last = read();
      for (let i = 0; i < 30; i++) {
        await frame();
        await frame();
        const now = read();
        if (JSON.stringify(now) === JSON.stringify(last)) return now;
        last = now;
      }
      return { ...last, settled: false };
    });
  }

  pages(): Locator {
    return this.library.getByRole('list', { name: /^Pages of / }).getByRole('button');
  }
}
