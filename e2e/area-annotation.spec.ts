import type { AnnotationList } from '../core/annotations/requests.ts';
import { AnnotationsPage } from './pages/annotations-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

// A rectangle dragged across the gutter between two columns annotates what it covers, piece by piece — not
// everything between its first and last character in reading order (the rest of column 1 down the page).
test('an area drawn across a column gutter holds only the text inside it, and the area itself', async ({ app }) => {
  const ui = new AnnotationsPage(app.page);
  const doc = await ui.documentByFile('latin-columns.pdf');
  const model = await ui.pageModel(doc.id, 1);
  await ui.open(doc);
  await expect(ui.blocks()).toHaveCount(model.blocks.length);

  // Column 1 runs 36–207 pt, column 2 221–391 pt: a box from x 150 to 270, y 100 to 180, over the gutter.
  const area = [150, 100, 270, 180];
  await app.page.getByRole('button', { name: 'Draw area' }).click();
  const scale = await ui.pageScale();
  const surface = (await ui.pageSurface.boundingBox())!;
  await app.page.mouse.move(surface.x + area[0] * scale, surface.y + area[1] * scale);
  await app.page.mouse.down();
  await app.page.mouse.move(surface.x + area[2] * scale, surface.y + area[3] * scale, { steps: 6 });
  await app.page.mouse.up();
  // The editor shows what the area will quote, whole words, before anything is saved (it showed nothing).
  const quotes = [
    'Well-known commissioners',
    'announced a',
    'the newspaper',
    'delivered new gentleman',
    'gentleman the.',
    'several charges',
    'telegraph delivered',
    'Delivered gentleman',
    'evening delivered',
    'merchants progress',
    'announced extraordinary',
    'hall education',
    'Railroad improvements',
    'transportation',
  ];
  await expect(ui.editorQuote()).toHaveText(quotes.join(' … '));
  // Enter in Tags does not save here either (one editor for text and areas): the note is next.
  await ui.typeTagsThenEnter('gutter');
  await expect(ui.editor.getByRole('textbox', { name: /Note/ })).toBeFocused();
  await expect(ui.items()).toHaveCount(0);
  await saveScreenshot(app.page, 'area-annotation-editor-quote');
  await ui.fillEditor({ colour: 'blue' });
  await expect(ui.items()).toHaveCount(1);

  const [made] = (await ui.api<AnnotationList>('annotations.list', { docId: doc.id })).items;
  // First the drawn area itself (PDF points, from the mouse: within a pixel of the box).
  expect(made.targets[0].text).toBeNull();
  const [vx, vy, vw, vh] = made.targets[0].viewrect!;
  for (const [got, want] of [[vx, area[0]], [vy, area[1]], [vx + vw, area[2]], [vy + vh, area[3]]]) expect(Math.abs(got - want)).toBeLessThan(2 / scale + 0.5);
  // Then the text: pieces from both columns, each the whole words the box touches (an edge cuts "commission-ers",
  // rejoined across its line end by the cleaning, yet the quote holds it whole), in reading order, column 1 first.
  const texts = made.targets.slice(1);
  expect(texts.map((t) => t.text!.exact)).toEqual(quotes);
  // Exported as W3C: the box as drawn is the first target's FragmentSelector; each quote a TextQuoteSelector of whole words.
  const exported = JSON.parse((await ui.api<{ text: string }>('annotations.export', { format: 'w3c', docId: doc.id })).text) as {
    first: { items: Array<{ target: Array<{ selector: Array<{ type: string; value?: string; exact?: string }> }> }> };
  };
  const w3c = exported.first.items[0].target;
  expect(w3c[0].selector.map((x) => x.type)).toEqual(['FragmentSelector']);
  expect(w3c[0].selector[0].value).toBe(`page=1&viewrect=${made.targets[0].viewrect!.join(',')}`);
  expect(w3c.slice(1).map((t) => t.selector.find((x) => x.type === 'TextQuoteSelector')!.exact)).toEqual(texts.map((t) => t.text!.exact));
  // Each piece's own box meets the area (its words may run past the edge, a rejoined word onto the next line).
  for (const t of texts) {
    const [x, y, w, h] = t.viewrect!;
    expect(x < area[2] && x + w > area[0] && y < area[3] && y + h > area[1]).toBe(true);
  }
  const left = texts.filter((t) => t.viewrect![0] < 207);
  const right = texts.filter((t) => t.viewrect![0] > 207);
  expect(left.length).toBeGreaterThan(0);
  expect(right.length).toBeGreaterThan(0);
  // The quote starts inside the box: not with the line above it, nor the paragraph's first word.
  const quote = texts.map((t) => t.text!.exact).join(' … ');
  expect(quote.length).toBeLessThan(600);
  const page = model.blocks.map((b) => b.text).join('\n');
  // Whole words: white space (or the page's edge) on both sides of every piece in the page text.
  for (const t of texts) {
    expect(page.slice(t.text!.start, t.text!.end)).toBe(t.text!.exact);
    expect(page.slice(t.text!.start - 1, t.text!.start)).toMatch(/^\s?$/);
    expect(page.slice(t.text!.end, t.text!.end + 1)).toMatch(/^\s?$/);
  }
  // Nothing from column 1 below the box (its last paragraph starts at y 669).
  const lower = model.blocks.find((b) => b.rects[0][1] > 600 && b.rects[0][0] < 100)!;
  expect(quote).not.toContain(lower.text.slice(0, 30));
  await expect(ui.items().first()).toContainText(`“${texts[0].text!.exact.slice(0, 10)}`);
  await saveScreenshot(app.page, 'area-annotation-gutter');
});
