import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanPdfPage } from '../../core/cleaning/pdf-page.ts';
import type { RawPage } from '../../core/page-model.ts';
import { SAMPLE_SCAN } from '../../test-support/real-pages.ts';
import { extractAll } from './extract-pdf.ts';

/**
 * The 1918 Evening Star's front-page headlines through the app's own reading
 * (extractPages with its defaults: the fast OCR-layer reader), raw and
 * cleaned. Its OCR layer sets them in 48–56 pt type squeezed to 52–72 % width
 * with words 1.9–2.9 pt apart, under pdf.js's space rule (0.102 em): read as
 * pdf.js reads them they were "FOEMUSTEVACUATEPERONNE;", and a search for
 * "evacuate" missed the page. The page is the committed sample, so this runs
 * everywhere (it is also the LoC set's 1918 page in ../shared).
 */

/** The raw layer's lines: an item with eol ends its line (as core/page-model.ts joins them). */
function rawLines(page: RawPage): string[] {
  return page.items.map((it) => it.str + (it.eol ? '\n' : '')).join('').split('\n');
}

describe('the 1918 Evening Star headlines, as the app reads them', async () => {
  const [page] = await extractAll(new Uint8Array(readFileSync(SAMPLE_SCAN)));

  it('raw: each headline word is a word', () => {
    const lines = rawLines(page);
    expect(lines).toContain('FOE MUST EVACUATE PERONNE;');
    expect(lines).toContain('PRIMARIES SHOW');
    expect(lines).toContain('U. S. WAR SPIRIT');
  });

  it('cleaned: the headlines whole, and the deck under them not split at the word gaps that line up with them', () => {
    const blocks = cleanPdfPage(page).blocks.map((b) => b.text);
    expect(blocks).toContain("BRITISH SWEEP EASTWARD;\nFOE MUST EVACUATE PERONNE;\nHUNS' LYS RETREAT SWIFT");
    expect(blocks).toContain('PRIMARIES SHOW\nU. S. WAR SPIRIT');
    expect(blocks.find((b) => b.startsWith('Results of'))?.split('\n')[0]).toBe('Results of Recent Congressional Races Warn Against');
  });
});
