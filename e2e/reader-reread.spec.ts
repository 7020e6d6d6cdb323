import type { DocumentSummary } from '../core/library-model.ts';
import type { Block } from '../core/page-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * The page shown, read again (a click on the open document, the app's own start-up open racing the archivist's
 * click, a re-import that rebuilt it): its text views are rebuilt from the new page view once it is decoded. The
 * block the archivist chose, and the keyboard focus on it, must survive that, even far down a dense page (past
 * the first screenful the cleaned panel builds first).
 */
test('the block chosen and the keyboard focus stay on it when the page shown is read again', async ({ app }) => {
  const ui = new ReaderPage(app.page);
  const doc: DocumentSummary = await ui.documentByFile('evening-star-1918-09-01-p1.pdf');
  const model = await ui.pageModel(doc.id, 1);
  await ui.open(doc);
  await expect(ui.blocks()).toHaveCount(model.blocks.length);
  const far: Block = model.blocks.filter((b) => b.kind === 'paragraph').at(-1)!;
  expect(model.blocks.indexOf(far)).toBeGreaterThan(model.blocks.length / 2);

  // The page is asked for again (as when the archivist clicks the open document) and held on its way.
  const release = await ui.holdPageViews(doc);
  const reread = app.page.waitForResponse((r) => r.url().endsWith('api/document.pageView') && (r.request().postData() ?? '').includes(doc.id));
  await ui.libraryEntry(doc).click();
  // Meanwhile the archivist picks a block far down the cleaned text.
  await ui.block(far.id).click();
  await expect(ui.block(far.id)).toBeFocused();
  await release();
  await reread;
  await ui.textRendered();
  // A frame or two for the views built from the page read again.
  await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(ui.blocks()).toHaveCount(model.blocks.length);
  await expect(ui.block(far.id)).toBeFocused();

  // The reader still has it as the chosen block: the Articles dialog offers to start an article from it.
  const dialog = await ui.openArticles();
  await expect(dialog.getByRole('textbox', { name: /New article from this block/ })).toBeVisible();
});
