import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * A search hit deep in a long text dump brings the raw panel to the hit's raw line, not only the cleaned panel to the
 * hit. A new-user walk searched 民生问题 in a Chinese text dump and pressed Enter: the cleaned panel showed the hit
 * (source line ~450) but the raw panel stopped at lines 337–360, where its first screenful of text ended, and stayed
 * there once the rest of the raw text had rendered.
 */

/**
 * A dump shaped like the walk's (../shared/seed/000_…txt): short column lines, every run drawn twice, a blank line
 * after each, so its raw text (a row per line) stands several times taller than its cleaned paragraphs; 60 paragraphs
 * of 16 lines under headings, the searched term once, in the heading of paragraph 45 (source line ~1500, some 8 000
 * characters in: past the raw panel's first screenful of text).
 */
const WORDS = '来到大陈村职工活动中心你不禁会羡慕生活在这里的区域运动设施齐全想随时都可以围绕服务大局发挥工人阶级力量';

function longDump(): string {
  const lines: string[] = [];
  for (let p = 1; p <= 60; p++) {
    lines.push(p === 45 ? '保障职工民生问题' : `第${p}节围绕中心服务大局`, '');
    for (let l = 1; l <= 16; l++) {
      const at = (p * 16 + l) % (WORDS.length - 5);
      const run = WORDS.slice(at, at + 5);
      lines.push(`${run}${run}，`, '');
    }
  }
  return lines.join('\n');
}

test('Enter on a hit deep in a text dump shows the hit’s raw line in the raw panel', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  await reader.library.getByLabel('Import files').setInputFiles({ name: 'long-dump.txt', mimeType: 'text/plain', buffer: Buffer.from(longDump()) });
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 30_000 });

  await reader.search.click();
  await app.page.keyboard.type('民生问题');
  await expect(reader.searchHits()).not.toHaveCount(0);
  await app.page.keyboard.press('Enter');

  const hitBlock = reader.cleanedScroller().locator('[data-search-current]');
  await expect(hitBlock).toContainText('保障职工民生问题', { timeout: 30_000 });
  await expect.poll(() => reader.currentHitPlacement(), { timeout: 15_000 }).toMatchObject({ inside: true });
  // The raw line with the hit (drawn as imported) wholly inside the raw panel's visible box, once the panels settle.
  await expect.poll(() => reader.rawLineInView('保障职工民生问题'), { timeout: 15_000 }).toBe(true);
});
