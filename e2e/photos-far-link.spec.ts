import { join } from 'node:path';
import { PhotosPanel } from './pages/photos-panel.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';
import { ROOT } from './support/host-process.ts';

test('choosing a photo whose only paragraph is on page 2 offers to go there, and going there shows the paragraph', async ({ app }) => {
  // An import and two pages opened: past the default 60 s at a load average of 12 (1 of 5 runs).
  test.setTimeout(180_000);
  const reader = new ReaderPage(app.page);
  const panel = new PhotosPanel(app.page);
  await reader.library.getByLabel('Import files').setInputFiles(join(ROOT, 'fixtures', 'pdf', 'cjk-photos.pdf'));
  // An import is real work (extraction in a worker): under load it outlasted the 10 s an expect waits (2 of 5 runs).
  await expect(reader.library.getByRole('button', { name: /cjk-photos/ })).toBeVisible({ timeout: 60_000 });
  const doc = await reader.documentByFile('cjk-photos.pdf');
  const model = await reader.pageModel(doc.id, 1);
  await reader.open(doc);
  await expect(reader.blocks()).toHaveCount(model.blocks.length);

  const far = model.photos.find((p) => p.links.length > 0 && p.links.every((l) => l.block.startsWith('p2b')))!;
  const caption = model.blocks.find((b) => b.id === far.caption)!.text;
  await panel.photo(caption).click();
  // Nothing on page 1 is marked: the panel says where the paragraph is and offers the way there.
  await expect(panel.linkedBlocks()).toHaveCount(0);
  const go = panel.links.getByRole('button', { name: 'Go to page 2' });
  await expect(go).toBeInViewport();
  // And the chosen card whole beside it: the cards' one row leaves no other card between the two.
  await expect.poll(() => panel.cardCut(caption)).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
  await saveScreenshot(app.page, 'photos-far-link-offer');
  await go.click();
  await expect(reader.pageNumber()).toHaveValue('2');
  const target = reader.block(far.links[0]!.block);
  await expect(target).toHaveClass(/active/);
  await expect(target).toBeInViewport();
  await saveScreenshot(app.page, 'photos-far-link-arrived');
});
