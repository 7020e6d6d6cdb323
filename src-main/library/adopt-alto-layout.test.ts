import { describe, expect, it } from 'vitest';
import { cleanPage, cleanPageWithAlto } from '../../core/cleaning/clean-page.ts';
import { column, page } from '../../test-support/synthetic-page.ts';
import { laidOutFromAlto } from './adopt-alto-layout.ts';
import { tempLibrary } from './testing/temp-library.ts';

const lib = tempLibrary('laid-out-from-alto-');

/** A document being imported whose pages' cleaned JSON is `cleaned`, each as given. */
function withPages(id: string, cleaned: string[]): void {
  const pending = lib.store.begin(id, 'pdf', `${id}.pdf`, 1);
  cleaned.forEach((json, k) => pending.addPageJson(k + 1, JSON.stringify({ number: k + 1, width: 600, height: 800, items: [], images: [] }), json));
}

/** What laidOutFromAlto answered before it read the JSON's tail: json_extract on every page. */
const byJsonExtract = (id: string) => lib.store.db.prepare("SELECT 1 FROM pages WHERE doc_id = ? AND json_extract(cleaned, '$.layout') = 'alto' LIMIT 1").get(id) !== undefined;

describe('laidOutFromAlto', () => {
  const raw = page(column({ lines: ['An ALTO laid this page out', 'or the PDF did.'], x: 50, top: 100, size: 10 }));
  // An ALTO of the page in its own points: one line and one String per item, as an engine would have boxed them.
  const box = (r: readonly number[]) => `HPOS="${r[0]}" VPOS="${r[1]}" WIDTH="${r[2] - r[0]}" HEIGHT="${r[3] - r[1]}"`;
  const lines = raw.items.map((it) => `<TextLine ${box(it.rect)}><String CONTENT="${it.str}" ${box(it.rect)}/></TextLine>`).join('');
  const xml = `<alto><Layout><Page WIDTH="${raw.width}" HEIGHT="${raw.height}"><TextBlock>${lines}</TextBlock></Page></Layout></alto>`;
  const fromAlto = JSON.stringify({ ...cleanPage(raw), layout: 'alto' });
  const cases: Array<[string, string[], boolean]> = [
    ['a page as cleaning writes it, layout from the ALTO', [fromAlto], true],
    ['pages from the PDF, then one from the ALTO', [JSON.stringify(cleanPage(raw)), JSON.stringify(cleanPage(raw)), fromAlto], true],
    ['pages from the PDF only', [JSON.stringify(cleanPage(raw))], false],
    ['a page stored before the layout was recorded', [JSON.stringify({ blocks: [], edits: [], photos: [] })], false],
    ['layout not the last key', [JSON.stringify({ layout: 'alto', blocks: [] })], true],
    ['JSON with spaces', [JSON.stringify({ blocks: [], layout: 'alto' }, null, 1)], true],
    ['an inner object ending in layout alto', [JSON.stringify({ blocks: [{ layout: 'alto' }], photos: { layout: 'alto' } })], false],
    ['a string ending in the words', [JSON.stringify({ blocks: [], note: ',"layout":"alto"' })], false],
    ['no pages', [], false],
  ];
  for (const [name, pages, want] of cases)
    it(`${name}: ${want}, as json_extract says`, () => {
      const id = `doc-${cases.findIndex((c) => c[0] === name)}`;
      withPages(id, pages);
      expect(laidOutFromAlto(lib.store, id)).toBe(want);
      expect(byJsonExtract(id)).toBe(want);
    });

  it('reads the page cleaning wrote with a fitting ALTO, and after photo links rewrote it', () => {
    const cleaned = cleanPageWithAlto(raw, xml);
    expect(cleaned.layout).toBe('alto');
    withPages('doc-real', [JSON.stringify(cleaned)]);
    expect(laidOutFromAlto(lib.store, 'doc-real')).toBe(true);
    // As photo-links.ts writes its links into a stored page.
    lib.store.db.prepare("UPDATE pages SET cleaned = json_set(cleaned, '$.photos', json(?)) WHERE doc_id = ?").run('[{"id":"p1","links":[]}]', 'doc-real');
    expect(laidOutFromAlto(lib.store, 'doc-real')).toBe(true);
    expect(byJsonExtract('doc-real')).toBe(true);
  });
});
