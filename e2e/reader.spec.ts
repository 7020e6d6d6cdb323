import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeEdits, type PageModel } from '../core/page-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';
import { ROOT } from './support/host-process.ts';

interface ExpectedBlock {
  kind: string;
  text: string;
  rects: [number, number, number, number][];
  doubling: 'none' | 'run' | 'char';
}
const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.expected.json'), 'utf8')) as {
  pages: { blocks: ExpectedBlock[] }[];
};
const truth = expected.pages[0].blocks;

let reader: ReaderPage;
let model: PageModel;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('cjk-overprint.pdf');
  model = await reader.pageModel(doc.id, 1);
  await reader.open(doc);
  await expect(reader.blocks()).toHaveCount(model.blocks.length);
});

test('cleaned text shows overprinted runs once where the raw text has them doubled', async () => {
  const doubled = truth.filter((b) => b.kind === 'paragraph' && b.doubling !== 'none');
  expect(doubled.length).toBeGreaterThan(0);
  const raw = await reader.rawText();
  const cleanedTexts = await reader.blocks().locator('.block-text').allInnerTexts();
  for (const b of doubled.slice(0, 5)) {
    // The cleaned panel has the printed text exactly…
    expect(cleanedTexts).toContain(b.text);
    // …while the raw panel, as extracted, does not: there the opening words come twice.
    const opening = b.text.slice(0, 6);
    expect(raw).not.toContain(b.text);
    const twice = b.doubling === 'char' ? [...opening].map((c) => c + c).join('') : null;
    if (twice) expect(raw).toContain(twice);
    else expect(raw.split(opening).length - 1).toBeGreaterThanOrEqual(2);
  }
});

test('hovering a paragraph outlines its rects at the page scale', async () => {
  const para = model.blocks.find((b) => b.kind === 'paragraph' && b.rects.length > 0)!;
  await reader.block(para.id).hover();
  await expect(reader.outlines).toHaveCount(para.rects.length);
  await reader.expectBoxesOnRects(() => reader.outlineBoxes(), para.rects, 2);
  await reader.page.mouse.move(0, 0);
  await expect(reader.outlines).toHaveCount(0);
});

test('the diff counts each removal kind exactly as the page model does', async () => {
  await reader.showRemovals().click();
  await expect(reader.showRemovals()).toHaveAttribute('aria-pressed', 'true');
  const summary = summarizeEdits(model.edits);
  expect(summary.overprint).toBeGreaterThan(0);
  await expect(reader.removalSummary().getByText(`Overprint: ${summary.overprint}`, { exact: true })).toBeVisible();
  await expect(reader.removalSummary().getByText(`Justification space: ${summary['justification-space']}`, { exact: true })).toBeVisible();
  const marks = reader.raw.locator('del[data-reason="overprint"]');
  await expect(marks).toHaveCount(summary.overprint);
  // The marked view is still the raw text, character for character.
  expect(await reader.rawText()).toBe(model.items.map((it) => it.str + (it.eol ? '\n' : '')).join(''));

  await reader.raw.getByRole('button', { name: 'Next change' }).click();
  await expect(reader.raw.locator('del').first()).toBeFocused();
  await reader.raw.getByRole('button', { name: 'Next change' }).click();
  await expect(reader.raw.locator('del').nth(1)).toBeFocused();
  await reader.raw.getByRole('button', { name: 'Previous change' }).click();
  await expect(reader.raw.locator('del').first()).toBeFocused();
});

test('j and k move focus between blocks and the outline follows', async () => {
  await reader.pageSurface.waitFor();
  await reader.page.keyboard.press('j');
  await expect(reader.block(model.blocks[0].id)).toBeFocused();
  await reader.page.keyboard.press('j');
  await expect(reader.block(model.blocks[1].id)).toBeFocused();
  await expect(reader.outlines.first()).toHaveAttribute('data-block-id', model.blocks[1].id);
  await reader.page.keyboard.press('k');
  await expect(reader.block(model.blocks[0].id)).toBeFocused();
  await expect(reader.outlines.first()).toHaveAttribute('data-block-id', model.blocks[0].id);
});

test('clicking the page selects the block under the pointer', async () => {
  const target = model.blocks.filter((b) => b.kind === 'paragraph' && b.rects.length > 0).at(-1)!;
  const scale = await reader.pageScale();
  const [x0, y0, x1, y1] = target.rects[0];
  await reader.pageSurface.click({ position: { x: ((x0 + x1) / 2) * scale, y: ((y0 + y1) / 2) * scale } });
  await expect(reader.block(target.id)).toBeFocused();
  await expect(reader.block(target.id)).toBeInViewport();
});

test('selecting cleaned characters highlights those characters on the page', async () => {
  const para = model.blocks.find((b) => b.kind === 'paragraph' && b.rects.length > 0 && b.text.length > 12)!;
  await reader.block(para.id).evaluate((el) => {
    const node = el.querySelector('.block-text')!.firstChild!;
    const range = document.createRange();
    range.setStart(node, 2);
    range.setEnd(node, 6);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  await expect(reader.selectionHighlights.first()).toBeVisible();
  // Four characters on one line: inside the block, about four glyphs wide. Fit-width settles once the panes have their
  // final widths: read scale and boxes together until they agree.
  await expect(async () => {
    const scale = await reader.pageScale();
    const origin = (await reader.pageSurface.boundingBox())!;
    const hl = (await reader.selectionHighlights.first().boundingBox())!;
    const [bx0, by0, bx1, by1] = para.rects[0].map((v) => v * scale);
    expect(hl.x - origin.x).toBeGreaterThanOrEqual(bx0 - 2);
    expect(hl.y - origin.y).toBeGreaterThanOrEqual(by0 - 2);
    expect(hl.x - origin.x + hl.width).toBeLessThanOrEqual(bx1 + 2);
    expect(hl.y - origin.y + hl.height).toBeLessThanOrEqual(by1 + 2);
    const [, cy0, , cy1] = model.items[para.map[2][0]].rect;
    expect(hl.width).toBeGreaterThan(3 * (cy1 - cy0) * scale * 0.8);
  }).toPass({ timeout: 30_000 });
  await reader.page.keyboard.press('Escape');
  await expect(reader.selectionHighlights).toHaveCount(0);
});

test('the reader view has no serious accessibility violations, light and dark', async ({ app }) => {
  // Waits for every thumbnail, then runs axe twice over a 500-block page: a minute was not enough on a busy machine.
  test.setTimeout(150_000);
  const para = model.blocks.find((b) => b.kind === 'paragraph' && b.rects.length > 0)!;
  await reader.showRemovals().click();
  await reader.block(para.id).hover();
  await expect(reader.outlines.first()).toBeVisible();
  // The README shows this picture: let the library thumbnails finish first.
  await reader.waitForThumbnails();
  await expect(reader.outlines.first()).toBeVisible();
  await saveScreenshot(app.page, 'reader');
  for (const scheme of ['light', 'dark'] as const) {
    await app.page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: app.page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${scheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  }
  await saveScreenshot(app.page, 'reader-dark');
});

test('scrolling the cleaned text brings the raw text it came from to the top, and back', async () => {
  const firstSource = (b: (typeof model.blocks)[number]) => b.map.find(([item]) => item >= 0)!;
  // A block deep in the page, with enough text below it that both panels can scroll that far.
  const deep = model.blocks[Math.floor(model.blocks.length * 0.6)];
  const [item, char] = firstSource(deep);
  const rawStart = model.items[item].str.slice(char, char + 4);
  expect(rawStart.length).toBe(4);
  const rawBefore = await reader.rawScroller().evaluate((el) => el.scrollTop);
  await reader.scrollToTop(reader.cleanedScroller(), `[data-block-id="${deep.id}"]`);
  await expect.poll(() => reader.rawScroller().evaluate((el) => el.scrollTop)).not.toBe(rawBefore);
  await expect.poll(() => reader.rawTopText()).toContain(rawStart);

  // Raw → cleaned: put another block's first raw item at the raw panel's top.
  const other = model.blocks
    .slice(0, Math.floor(model.blocks.length * 0.4))
    .reverse()
    .find((b) => {
      const [it, ch] = firstSource(b);
      // The item must start a raw line (lines carry the anchors) and the block must own
      // the item's first kept character, or the item leads elsewhere.
      const startsLine = it === 0 || model.items[it - 1].eol;
      return startsLine && !model.blocks.some((o) => o.map.some(([i, c]) => i === it && c < ch));
    })!;
  await reader.scrollToTop(reader.rawScroller(), `[data-item="${firstSource(other)[0]}"]`);
  await expect.poll(() => reader.cleanedTopBlock()).toBe(other.id);
});
