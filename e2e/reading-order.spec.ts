import { join } from 'node:path';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';
import { ROOT } from './support/host-process.ts';

/**
 * The lead article of the bundled 1918 Evening Star page ("District Measure on
 * Half-and-Half Basis"), as printed: headline, decks, then the body in column
 * order with its subheads. Each snippet is the opening of what the printed
 * column shows next (OCR spellings as the text layer has them).
 */
const PRINTED_ORDER = [
  'DISTRICT MEASURE,',
  'President Signs Bill, Which',
  'Further legislation Necessary if',
  'the usual provision for',
  'The President signed the biH soon',
  'Thousands Will Get Increase.',
  'The bill, which had been in conference',
  'Beginning1 today, the employes',
  'It was confidently predicted at the',
  'What Caused Deadlock.',
  'The deadlock between the two houses',
  'The House yielded on the half-and',
  'The conferees on the bill met',
  'Senator I/Odge of Massachusetts',
  'Considers Keller Claim Just.',
  'Senator Robinson of Arkansas',
  'The long fight over the District',
  'Delay Costly to District.',
  'The delay in the passage of the Dis',
  'Now it is',
];

test('the lead article of the 1918 sample reads in the printed order, lines whole and headings on their lines', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('evening-star-1918-09-01-p1.pdf');
  await reader.open(doc);
  const texts = reader.blocks().locator('.block-text');
  await expect(texts.first()).toBeVisible();
  const all = await texts.evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  const at = PRINTED_ORDER.map((snippet) => all.findIndex((t) => t.includes(snippet)));
  expect(at, `blocks holding ${JSON.stringify(PRINTED_ORDER)}`).not.toContain(-1);
  expect([...at].sort((a, b) => a - b)).toEqual(at);

  // The column's own subheads read as subheads.
  for (const head of ['Thousands Will Get Increase.', 'What Caused Deadlock.']) await expect(reader.cleaned.getByRole('heading', { name: head, exact: true })).toBeVisible();
  // The opening paragraph is one block, not shredded into "the usual" / "for" / "District" / "bill".
  const opening = all[at[3]];
  for (const words of ['making expenditures for the District', 'the District appropriation bill was', 'signed bv the Speaker and by']) expect(opening).toContain(words);
  // OCR boxes of "^federal" and "^Rvas" reach a line down: the paragraph still runs on through them.
  expect(all[at[PRINTED_ORDER.indexOf('The delay in the passage of the Dis')]]).toContain("the District and the ^federal government, half and half. H't'out a quarter of a million dollars, it ^Rvas learned yesterday.");
  // The headline keeps its three printed lines, and the panel shows them as lines.
  const headline = reader.blocks().filter({ hasText: 'DISTRICT MEASURE,' });
  expect(await headline.locator('.block-text').textContent()).toBe('DISTRICT MEASURE,\nON HALF-AND-HALF\nBASIS, MADE LAW');
  const box = await headline.boundingBox();
  const lineHeight = await headline.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect(box!.height).toBeGreaterThan(2.5 * lineHeight);

  await headline.scrollIntoViewIfNeeded();
  await headline.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await reader.cleaned.screenshot({ path: join(ROOT, 'e2e', 'screenshots', 'cleaned-lead-article.png') });
  // ...and its last column, where tall OCR boxes once split the closing paragraph.
  const delay = reader.cleaned.getByRole('heading', { name: 'Delay Costly to District.', exact: true });
  await delay.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await reader.cleaned.screenshot({ path: join(ROOT, 'e2e', 'screenshots', 'cleaned-lead-article-end.png') });
});
