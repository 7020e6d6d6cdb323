import AxeBuilder from '@axe-core/playwright';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import type { Settings } from '../core/settings.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';
import { ROOT } from './support/host-process.ts';

let reader: ReaderPage;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
});

test('the shell names every region and the search box', async () => {
  for (const region of [reader.library, reader.original, reader.raw, reader.cleaned, reader.photos, reader.annotations]) {
    await expect(region).toBeVisible();
  }
  await expect(reader.search).toBeVisible();
  await expect(reader.annotations).toContainText('No annotations in this document yet');
});

test('on start the app opens a document, and the last one read on the next start', async ({ app }) => {
  const docs = await reader.api<DocumentSummary[]>('library.list');
  await expect(reader.library.locator('[aria-current="true"]')).toHaveCount(1);
  const other = docs.find((d) => d.fileName === 'latin-columns.pdf')!;
  await reader.open(other);
  // Settings are saved after a quiet period. Let the document land first, so the zoom below is a
  // separate save: a partial save must not reset the other settings (it once reset lastDocument).
  await expect.poll(async () => (await reader.api<Settings>('settings.get')).lastDocument).toBe(other.id);
  await reader.original.getByRole('button', { name: 'Zoom in' }).click();
  const zoomText = await reader.zoomLevel().innerText();
  await expect.poll(async () => typeof (await reader.api<Settings>('settings.get')).zoom).toBe('number');
  expect((await reader.api<Settings>('settings.get')).lastDocument).toBe(other.id);
  await app.page.reload();
  await expect(reader.libraryEntry(other)).toHaveAttribute('aria-current', 'true');
  await expect(reader.zoomLevel()).toHaveText(zoomText);
});

test('"/" focuses Search; the Library panel has its own filter box for title or newspaper', async ({ app }) => {
  const docs = await reader.api<DocumentSummary[]>('library.list');
  await reader.cleaned.click({ position: { x: 5, y: 5 } });
  await app.page.keyboard.press('/');
  await expect(reader.search).toBeFocused();
  // Keys typed into the box stay there: "j" must not step blocks.
  await app.page.keyboard.type('evening j');
  await expect(reader.search).toHaveValue('evening j');
  await app.page.keyboard.press('Escape');
  await expect(reader.search).toHaveValue('');
  const target = docs.find((d) => d.fileName === 'latin-columns.pdf')!;
  const word = (target.title || target.fileName).split(/\s+/)[0];
  await reader.libraryFilter.fill(word);
  const entries = reader.library.getByRole('list', { name: 'Documents' }).getByRole('button');
  await expect(entries).toHaveCount(docs.filter((d) => `${d.title} ${d.newspaper} ${d.fileName} ${d.date}`.toLowerCase().includes(word.toLowerCase())).length);
  await reader.libraryFilter.fill('no such document anywhere');
  await expect(reader.library).toContainText('No documents match.');
});

test('a failing request shows a dismissible one-line alert and keeps the open page', async ({ app }) => {
  await expect(reader.blocks().first()).toBeVisible();
  // The rest of the page's blocks follow the first screenful in idle time: count them once all are there.
  await reader.textRendered();
  const before = await reader.blocks().count();
  // The reader asks for the compact page view (document.pageView); the full model (document.page) in its baseline mode.
  await app.page.route(/\/api\/document\.page(View)?$/, (route) => route.fulfill({ json: { ok: false, error: 'document.pageView: disk unavailable' } }));
  const docs = await reader.api<DocumentSummary[]>('library.list');
  const current = await reader.library.locator('[aria-current="true"]').innerText();
  const other = docs.find((d) => !current.includes(d.title || d.fileName))!;
  await reader.libraryEntry(other).click();
  const alert = app.page.getByRole('alert');
  await expect(alert).toContainText('disk unavailable');
  await expect(reader.blocks()).toHaveCount(before);
  await alert.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(alert).toHaveCount(0);
});

test('importing through the button shows progress and adds the document', async ({ app }) => {
  const file = join(ROOT, 'fixtures', 'pdf', 'cjk-scanned.pdf');
  // Record every state the progress bar shows, however briefly.
  await app.page.evaluate(() => {
    const seen: { text: string; value: number; max: number }[] = [];
    (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Import progress"]');
      if (bar) seen.push({ text: bar.nextElementSibling?.textContent ?? '', value: bar.value, max: bar.max });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await reader.library.getByLabel('Import files').setInputFiles(file);
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 30_000 });
  const seen = await app.page.evaluate(() => (window as unknown as { progressSeen: { text: string; value: number; max: number }[] }).progressSeen);
  const reading = seen.filter((s) => s.text.startsWith('Reading cjk-scanned.pdf'));
  // Progress counts bytes read: out of the file's size, ending with all of it.
  const size = statSync(file).size;
  expect(reading.length).toBeGreaterThan(0);
  expect(reading.every((s) => s.max === size)).toBe(true);
  expect(Math.max(...seen.map((s) => (s.max === size ? s.value : 0)))).toBe(size);
  expect(reading.at(-1)!.text).toMatch(/ of \d+(\.\d)? (KB|MB)$/);
  const docs = await reader.api<DocumentSummary[]>('library.list');
  const added = docs.find((d) => d.fileName === 'cjk-scanned.pdf')!;
  await expect(reader.libraryEntry(added)).toBeVisible();
});

test('dropping files imports them', async ({ app }) => {
  const bytes = [...Buffer.from('Dropped page\nA line of text dropped onto the library.\n')];
  await app.page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped-note.txt', { type: 'text/plain' }));
    const target = document.querySelector('.app')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await expect.poll(async () => (await reader.api<DocumentSummary[]>('library.list')).some((d) => d.fileName === 'dropped-note.txt'), { timeout: 30_000 }).toBe(true);
  await expect(reader.library.getByRole('button', { name: /dropped/i })).toBeVisible();
});

test('at 200% zoom the panels stack and nothing scrolls sideways', async ({ app }) => {
  await app.page.setViewportSize({ width: 720, height: 450 });
  await expect(reader.cleaned).toBeVisible();
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const page = (await reader.original.boundingBox())!;
  const cleaned = (await reader.cleaned.boundingBox())!;
  expect(cleaned.y).toBeGreaterThanOrEqual(page.y + page.height - 1);
  // The library's filters sit side by side and leave its list room: two whole rows at least (a walk saw one, under
  // five filters stacked).
  const list = (await reader.library.getByRole('list', { name: 'Documents' }).boundingBox())!;
  const rows = await reader.library.getByRole('list', { name: 'Documents' }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.top, r.bottom]));
  expect(rows.filter(([top, bottom]) => top >= list.y - 0.5 && bottom <= list.y + list.height + 0.5).length).toBeGreaterThanOrEqual(2);
  // The text panels, stacked, are read in a window's worth of room each: their bodies are size-contained, and with
  // only a most height they got none and read one line (a walk at 720 px).
  for (const panel of [reader.raw, reader.cleaned]) expect((await panel.boundingBox())!.height).toBeGreaterThan(0.6 * 450);
  // Its head has room for the keys' hint here, spaced as the rest of it.
  await expect(reader.cleaned.getByText(/^\d+ blocks · /)).toHaveText(/^\d+ blocks · layout from the PDF · j\/k to step$/, { useInnerText: true });
  const results = await new AxeBuilder({ page: app.page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await saveScreenshot(app.page, 'narrow');
});

test('every PDF in the library shows a rendered first-page thumbnail, soon', async () => {
  const docs = await reader.api<DocumentSummary[]>('library.list');
  const pdfs = docs.filter((d) => d.kind === 'pdf');
  expect(pdfs.length).toBeGreaterThanOrEqual(3);
  for (const d of pdfs) {
    const img = reader.libraryEntry(d).getByTestId('thumb-image');
    // Speed lives in bench:reader; here only that it comes. A scan's thumbnail decodes the whole
    // page image, which took over 8 s when other test runs shared the two cores.
    await expect(img).toBeVisible({ timeout: 30_000 });
    // Print on paper, not a blank, grey or single-colour box.
    const contrast = await reader.thumbnailContrast(img);
    expect(contrast, d.fileName).toBeGreaterThan(6);
  }
});
