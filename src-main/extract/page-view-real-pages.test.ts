import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanPdfPage } from '../../core/cleaning/pdf-page.ts';
import type { PageModel } from '../../core/page-model.ts';
import { decodePageView, encodePageView } from '../../core/page-view/page-view-codec.ts';
import { realScannedPages, SAMPLE_SCAN } from '../../test-support/real-pages.ts';
import { extractAll } from './extract-pdf.ts';

/**
 * The compact page view (core/page-view) against real pages: the generated
 * fixtures (overprinted CJK, mixed fonts, photos, Latin columns) and the
 * scans (the committed 1918 sample always; the other Library of Congress
 * pages where ../shared exists, else realScannedPages says they are skipped).
 * Everything the reader uses must come back exactly, the offset maps first.
 */
const fixtureDir = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');
const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.pdf') && f !== 'encrypted.pdf')
  .map((f) => ({ name: f, pdf: join(fixtureDir, f) }));

async function models(pdf: string): Promise<PageModel[]> {
  return (await extractAll(new Uint8Array(readFileSync(pdf)))).map((raw) => ({ ...raw, ...cleanPdfPage(raw) }));
}

describe('page view round trip', () => {
  for (const { name, pdf } of [...fixtures, ...realScannedPages()]) {
    it(`${name}: decoded maps, items, texts and edits equal the page model's`, async () => {
      for (const model of await models(pdf)) {
        const text = JSON.stringify(encodePageView(model));
        // Every scan we have, the densest (1859: 16,000 items, 50,000 characters) included, stays under the 200 KB goal.
        if (name.startsWith('evening-star')) expect(text.length).toBeLessThan(200_000);
        const wire = JSON.parse(text);
        const view = decodePageView(wire, { photos: model.photos });
        view.blocks.forEach((b, i) => expect(b.map, `${b.id} map`).toEqual(model.blocks[i].map));
        expect(view.blocks).toEqual(model.blocks);
        expect(view.items).toEqual(model.items.map(({ str, rect, eol, vertical }) => ({ str, rect, eol, ...(vertical ? { vertical } : {}) })));
        expect(view.edits).toEqual(model.edits);
        expect([view.width, view.height, view.images]).toEqual([model.width, model.height, model.images]);
      }
    });
  }

  it('the dense 1918 scan reaches the reader in under 200 KB (its stored JSON is 1.8 MB)', async () => {
    const [model] = await models(SAMPLE_SCAN);
    const stored = JSON.stringify(model).length;
    const wire = JSON.stringify(encodePageView(model)).length;
    console.log(`1918 sample: page model JSON ${(stored / 1e3).toFixed(0)} KB → page view wire ${(wire / 1e3).toFixed(0)} KB`);
    expect(stored).toBeGreaterThan(1_000_000);
    expect(wire).toBeLessThan(200_000);
  });
});
