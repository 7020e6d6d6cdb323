import type { Locator, Page } from '@playwright/test';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * Every modal dialog shares one look (app.css `.dialog`): the same frame,
 * padding, heading and action row, inside the window at the app's usual
 * sizes. Each one is opened as the archivist would and photographed.
 */

let reader: ReaderPage;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('cjk-overprint.pdf');
  await reader.open(doc);
  await expect(reader.blocks().first()).toBeVisible();
});

/** The shared frame, as computed, and whether the dialog fits the window. */
async function look(dialog: Locator) {
  return dialog.evaluate((el) => {
    const s = getComputedStyle(el);
    const h2 = getComputedStyle(el.querySelector('h2')!);
    const box = el.getBoundingClientRect();
    // In rem, as app.css writes them.
    const rem = (px: string) => Math.round((parseFloat(px) / parseFloat(getComputedStyle(document.documentElement).fontSize)) * 100) / 100;
    return {
      radius: s.borderRadius,
      padding: [s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map(rem).join(' '),
      border: `${s.borderTopWidth} ${s.borderTopStyle}`,
      heading: rem(h2.fontSize),
      fits: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
    };
  });
}

const SHARED = { radius: '8px', padding: '1 1.25 1 1.25', border: '1px solid', heading: 1.05, fits: true };

async function check(page: Page, dialog: Locator, name: string) {
  await expect(dialog).toBeVisible();
  expect(await look(dialog), name).toEqual(SHARED);
  await saveScreenshot(page, `dialog-${name}`);
}

test('Details, Remove, Bulk edit, Annotation, Correction and Articles share one dialog look', async ({ app }) => {
  const page = app.page;
  await page.getByRole('button', { name: 'Details…' }).click();
  const details = page.getByRole('dialog', { name: 'Document details' });
  await check(page, details, 'details');
  await details.getByRole('button', { name: 'Remove…' }).click();
  const remove = page.getByRole('alertdialog', { name: 'Remove from the library?' });
  await check(page, remove, 'remove');
  await remove.getByRole('button', { name: 'Cancel' }).click();
  await expect(remove).toBeHidden();
  await details.getByRole('button', { name: 'Cancel' }).last().click();
  await expect(details).toBeHidden();

  await reader.library.getByRole('button', { name: 'Select' }).click();
  await reader.library.getByRole('checkbox').first().check();
  await reader.library.getByRole('button', { name: 'Edit…' }).click();
  const bulk = page.getByRole('dialog', { name: /^Edit 1 document/ });
  await check(page, bulk, 'bulk-edit');
  await page.keyboard.press('Escape');
  await expect(bulk).toBeHidden();
  await reader.library.getByRole('button', { name: 'Select' }).click();

  await reader.cleaned.click();
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  const annotation = page.getByRole('dialog', { name: /annotation|Annotate/ });
  await check(page, annotation, 'annotation');
  await page.keyboard.press('Escape');
  await expect(annotation).toBeHidden();

  await page.keyboard.press('e');
  const correction = page.getByRole('dialog', { name: /^Correct block/ });
  await check(page, correction, 'correction');
  await page.keyboard.press('Escape');
  await expect(correction).toBeHidden();

  await page.getByRole('button', { name: 'Articles…' }).click();
  const articles = page.getByRole('dialog', { name: 'Articles' });
  await check(page, articles, 'articles');
  await page.keyboard.press('Escape');
  await expect(articles).toBeHidden();
});
