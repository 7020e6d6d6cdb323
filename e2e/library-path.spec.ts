import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNdnpBatch } from '../scripts/fixtures/ndnp-batch.ts';
import { LibraryBrowserPage } from './pages/library-browser-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The "By newspaper" path at an issue. A new-user walk in a narrow library panel read "… › 1.. › 1 Septe…": the year
 * and the date, short and the point of the path, cut, while the newspaper's title stood whole. They stay whole; the
 * title gives way (an ellipsis, its full text on hover and to assistive tech), after "Newspapers". In the narrowest
 * panel the date's month shows its first three letters ("1 Sep"): "1 September" left the title "Eveni…".
 */

/**
 * What the title crumb shows at an issue: whole where it fits, else its start and an ellipsis, at least as far as
 * these (the fonts decide the last letter or two). It read "E…" and "The …"; in the narrowest panel, beside
 * "1 September" and "21 December", "Eveni…" and "The F…".
 */
const ES_AT_1024 = 'Evening Star';
const ES_AT_230 = 'Evening Star';
const TITLE_AT_1024 = expect.stringMatching(/^The Fixture G.*…$/);
const TITLE_AT_230 = expect.stringMatching(/^The Fixt.*…$/);

test('at an issue the year and the date stay readable, the title gives way: in the narrowest panel and at 1024 px', async ({ app }) => {
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
    // title cut, and "Newspapers", the root of every path, shown as "…" to leave the title the room (it read "N…"
    // beside "E…" in the narrowest panel).
    const shown = label === '1024 px window' ? ES_AT_1024 : ES_AT_230;
    await expect
      .poll(async () => {
        const { shown, row, settled } = await browser.pathLayout();
        return { shown, row, settled };
      }, { message: label })
      .toEqual({ shown: { Newspapers: '…', [paperName]: shown, '1918': '1918', '1 September 1918': label === '1024 px window' ? '1 September' : '1 Sep' }, row: true, settled: true });
    await expect(browser.path.getByRole('button', { name: 'Newspapers', exact: true })).toHaveAttribute('title', 'Newspapers');
    await expect(title).toHaveAttribute('title', /^Evening Star/);
    await saveScreenshot(app.page, `library-path-${width === 1024 ? 1024 : 'narrowest'}`);
  }
});

test('at an issue of "The Fixture Gazette" the title keeps its first words, "Newspapers" giving way first: at 1024 px and in the narrowest panel', async ({ app }) => {
  test.setTimeout(120_000);
  const batchDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-ndnp-'));
  try {
    // One issue of each of the batch's two titles: the first, "The Fixture Gazette" of 21 December 1900.
    const truth = await generateNdnpBatch(batchDir, { issues: 1, pagesPerIssue: 1 });
    expect([truth[0].title, truth[0].date]).toEqual(['The Fixture Gazette', '1900-12-21']);
    cliImport(app.libraryDir, [batchDir]);
    await app.page.reload();
    const browser = new LibraryBrowserPage(app.page);
    await browser.show();
    await browser.newspaper('The Fixture Gazette').click();
    await browser.year(1900).click();
    await browser.issueDay(/^21 December 1900/).click();
    await expect(browser.path.getByText('21 December 1900', { exact: true })).toBeVisible();
    // Cut crumbs keep their whole name for hover and assistive tech.
    await expect(browser.path.getByRole('button', { name: 'Newspapers', exact: true })).toHaveAttribute('title', 'Newspapers');
    await expect(browser.path.getByRole('button', { name: 'The Fixture Gazette', exact: true })).toHaveAttribute('title', 'The Fixture Gazette');

    // The 1024 px window's 280 px panel read "New… › The … › 1900 › 21 December"; the narrowest (230 px) "N… › T…".
    const narrowest = '.workspace { grid-template-columns: 230px 1fr !important; }';
    for (const [label, width, panel, title, date] of [
      ['1024 px window', 1024, 280, TITLE_AT_1024, '21 December'],
      ['narrowest panel', 1024, 230, TITLE_AT_230, '21 Dec'],
    ] as const) {
      await app.page.setViewportSize({ width, height: 768 });
      if (panel === 230) await app.page.addStyleTag({ content: narrowest });
      await expect.poll(async () => Math.round((await browser.library.boundingBox())!.width), { message: label }).toBe(panel);
      await expect
        .poll(async () => {
          const { shown, row, settled } = await browser.pathLayout();
          return { shown, row, settled };
        }, { message: label })
        .toEqual({ shown: { Newspapers: '…', 'The Fixture Gazette': title, '1900': '1900', '21 December 1900': date }, row: true, settled: true });
      await saveScreenshot(app.page, `library-path-title-${panel}`);
    }
  } finally {
    rmSync(batchDir, { recursive: true, force: true });
  }
});
