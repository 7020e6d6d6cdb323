import { LibraryBrowserPage } from './pages/library-browser-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The "By newspaper" path at an issue. A new-user walk in a narrow library panel read "… › 1.. › 1 Septe…": the year
 * and the date, short and the point of the path, cut, while the newspaper's title stood whole. They stay whole; the
 * title gives way (an ellipsis, its full text on hover and to assistive tech), after "Newspapers".
 */

test('at an issue the year and the date stay whole, the title gives way: in the narrowest panel and at 1024 px', async ({ app }) => {
  // Starting the app, two layouts and two screenshots took up to 47 s of the default 60 at a load average of 20.
  test.setTimeout(120_000);
  const browser = new LibraryBrowserPage(app.page);
  await browser.show();
  const paper = browser.library.getByRole('list', { name: 'Newspapers' }).getByRole('button', { name: /^Evening Star/ });
  await paper.click();
  await browser.year(1918).click();
  await browser.issueDay(/^1 September 1918/).click();
  const date = browser.path.getByText('1 September 1918', { exact: true });
  const title = browser.path.getByRole('button', { name: /^Evening Star/ });
  await expect(date).toBeVisible();
  const paperName = (await title.getAttribute('title')) ?? '';
  expect(paperName).toMatch(/^Evening Star/);

  // The library column is minmax(230px, 280px) (App.svelte): 230 px is its narrowest, held here as a window too
  // narrow for more would hold it; 1024 px is the smallest window the reader is laid out for.
  const narrowest = await app.page.addStyleTag({ content: '.workspace { grid-template-columns: 230px 1fr !important; }' });
  for (const [label, width] of [['narrowest panel', 1440], ['1024 px window', 1024]] as const) {
    await app.page.setViewportSize({ width, height: 800 });
    if (label === '1024 px window') await narrowest.evaluate((el) => (el as Element).remove());
    const panelWidth = label === 'narrowest panel' ? 230 : 280;
    await expect.poll(async () => Math.round((await browser.library.boundingBox())!.width), { message: label }).toBe(panelWidth);
    // Read together, once the layout holds still (pathLayout): year and date whole, the row within the panel, the
    // title cut, and "Newspapers", which gives way before it, cut too.
    // At 1024 px both cut crumbs stay readable: "Newspapers" read "N…" there. The narrowest panel has no room for two.
    const readable = label === '1024 px window' ? { Newspapers: true, [paperName]: true, '1918': true, '1 September 1918': true } : expect.anything();
    await expect
      .poll(async () => {
        const { whole, readable: shown, row, settled } = await browser.pathLayout();
        return { whole, readable: shown, row, settled };
      }, { message: label })
      .toEqual({ whole: { Newspapers: false, [paperName]: false, '1918': true, '1 September 1918': true }, readable, row: true, settled: true });
    await expect(title).toHaveAttribute('title', /^Evening Star/);
    await saveScreenshot(app.page, `library-path-${width === 1024 ? 1024 : 'narrowest'}`);
  }
});
