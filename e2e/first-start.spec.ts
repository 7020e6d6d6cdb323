import { expect, test } from './support/fixtures.ts';

test.use({ freshLibrary: true });

test('a new library opens with the sample page, so a newcomer sees a page at once', async ({ app }) => {
  const { page } = app;
  const library = page.getByRole('region', { name: 'Library', exact: true });
  await expect(library.getByRole('button', { name: /Evening Star|evening-star/i })).toBeVisible();
  await expect(library.locator('[aria-current="true"]')).toHaveCount(1);
  const original = page.getByRole('region', { name: 'Original page', exact: true });
  // The page is painted: a canvas with real pixels, not a blank placeholder.
  const canvas = original.locator('canvas').first();
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(
      () =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const ctx = c.getContext('2d');
          if (!ctx || c.width === 0) return 0;
          const { data } = ctx.getImageData(0, 0, c.width, c.height);
          let dark = 0;
          for (let i = 0; i < data.length; i += 4 * 97) if (data[i] < 128) dark++;
          return dark;
        }),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(100);
  await expect(page.getByRole('region', { name: 'Cleaned text', exact: true })).toContainText('WASHINGTON', { ignoreCase: true });
});
