import type { Locator } from '@playwright/test';
import { LibraryBrowserPage } from './pages/library-browser-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The "By newspaper" path at an issue. A new-user walk in a narrow library panel read "… › 1.. › 1 Septe…": the year
 * and the date, short and the point of the path, cut, while the newspaper's title stood whole. They stay whole; the
 * title gives way (an ellipsis, its full text on hover and to assistive tech), after "Newspapers".
 */

/** Whether an element shows its whole text: it overflows its box when an ellipsis cuts it. */
const whole = (el: Locator) => el.evaluate((e) => e.scrollWidth <= e.clientWidth);

test('at an issue the year and the date stay whole, the title gives way: in the narrowest panel and at 1024 px', async ({ app }) => {
  const browser = new LibraryBrowserPage(app.page);
  await browser.show();
  const paper = browser.library.getByRole('list', { name: 'Newspapers' }).getByRole('button', { name: /^Evening Star/ });
  await paper.click();
  await browser.year(1918).click();
  await browser.issueDay(/^1 September 1918/).click();
  const year = browser.path.getByRole('button', { name: '1918', exact: true });
  const date = browser.path.getByText('1 September 1918', { exact: true });
  const title = browser.path.getByRole('button', { name: /^Evening Star/ });
  await expect(date).toBeVisible();

  // The library column is minmax(230px, 280px) (App.svelte): 230 px is its narrowest, held here as a window too
  // narrow for more would hold it; 1024 px is the smallest window the reader is laid out for.
  const narrowest = await app.page.addStyleTag({ content: '.workspace { grid-template-columns: 230px 1fr !important; }' });
  for (const [label, width] of [['narrowest panel', 1440], ['1024 px window', 1024]] as const) {
    await app.page.setViewportSize({ width, height: 800 });
    if (label === '1024 px window') await narrowest.evaluate((el) => (el as Element).remove());
    const panelWidth = label === 'narrowest panel' ? 230 : 280;
    await expect.poll(async () => Math.round((await browser.library.boundingBox())!.width), { message: label }).toBe(panelWidth);
    // Polled together: year and date whole, the row within the panel, and the title the one cut.
    await expect
      .poll(async () => ({ year: await whole(year), date: await whole(date), row: await whole(browser.path), title: await whole(title) }), { message: label })
      .toEqual({ year: true, date: true, row: true, title: false });
    await expect(title).toHaveAttribute('title', /^Evening Star/);
    await saveScreenshot(app.page, `library-path-${width === 1024 ? 1024 : 'narrowest'}`);
  }
});
