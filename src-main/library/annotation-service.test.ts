import { viewRectOf } from '../../core/annotations/annotation.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText } from '../../core/page-text.ts';
import { quoteChanges } from '../../core/annotations/quote-change.ts';
import { AnnotationService } from './annotation-service.ts';
import { importFiles } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CJK = readFileSync(join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf'));

async function library(): Promise<{ dir: string; store: LibraryStore; service: AnnotationService; id: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-anno-'));
  const store = new LibraryStore(dir);
  const [r] = await importFiles(store, inThreadProcessor, [{ name: 'cjk-overprint.pdf', bytes: Buffer.from(CJK) }]);
  return { dir, store, service: new AnnotationService(store), id: r.id! };
}

describe('AnnotationService', () => {
  let a: Awaited<ReturnType<typeof library>>;
  let b: Awaited<ReturnType<typeof library>>;
  beforeAll(async () => {
    a = await library();
    b = await library();
  }, 120_000);
  afterAll(() => {
    for (const l of [a, b].filter(Boolean)) {
      l.store.close();
      rmSync(l.dir, { recursive: true, force: true });
    }
  });

  const para = () => {
    const model = a.service.page(a.id, 1)!;
    const i = model.blocks.findIndex((x) => x.kind === 'paragraph' && x.text.length > 20);
    const start = pageText(model.blocks.slice(0, i)).length + 1;
    return { model, i, block: model.blocks[i], start };
  };

  it('makes a text annotation with quote, context and the characters’ area, drawn on the page', () => {
    const { block, start } = para();
    const v = a.service.create([{ docId: a.id, page: 1, start: start + 2, end: start + 8 }], { note: '**who?**', tags: ['people', 'people', ' place '], colour: 'pink' }, 'Ada');
    expect(v.targets[0].text!.exact).toBe(block.text.slice(2, 8));
    expect(v.targets[0].text!.prefix.endsWith(block.text.slice(0, 2))).toBe(true);
    expect(v.tags).toEqual(['people', 'place']);
    expect(v.creator).toBe('Ada');
    expect(v.resolved[0]).toMatchObject({ status: 'anchored', start: start + 2, end: start + 8 });
    expect(v.resolved[0].rects.length).toBeGreaterThan(0);
    // The viewrect surrounds the drawn characters.
    const [x, y, w, h] = v.targets[0].viewrect!;
    for (const r of v.resolved[0].rects) expect(r[0] >= x - 0.01 && r[1] >= y - 0.01 && r[2] <= x + w + 0.01 && r[3] <= y + h + 0.01).toBe(true);
    const list = a.service.list({ docId: a.id });
    expect(list.items.map((x) => x.id)).toEqual([v.id]);
    expect(list.tagCounts).toEqual({ people: 1, place: 1 });
    expect(a.service.list({ tag: 'nope' }).items).toEqual([]);
    expect(a.service.list({ colour: 'pink' }).items).toHaveLength(1);
  });

  it('keeps no whitespace at the ends of a quote: the selection took the line breaks around a paragraph', () => {
    const { model, i, block, start } = para();
    const end = start + block.text.length;
    const text = pageText(model.blocks);
    expect([text[start - 1], text[end], i + 1 < model.blocks.length]).toEqual(['\n', '\n', true]);
    const v = a.service.create([{ docId: a.id, page: 1, start: start - 1, end: end + 1 }], { note: '', tags: [], colour: 'yellow' }, 'Ada');
    expect(v.targets[0].text).toMatchObject({ start, end, exact: block.text });
    expect(v.resolved[0]).toMatchObject({ status: 'anchored', start, end, quote: block.text });
    a.service.delete(v.id);
  });

  it('selects the text under a dragged rectangle', () => {
    const { block } = para();
    const r = block.rects[0];
    const v = a.service.create([{ docId: a.id, page: 1, area: [r[0] - 1, r[1] - 1, r[2] + 1, r[3] + 1] }], { note: '', tags: [], colour: 'yellow' }, '');
    // The area itself first (what was drawn), then the text inside it.
    expect(v.targets[0].text).toBeNull();
    expect(v.targets[0].viewrect).toEqual(viewRectOf([[r[0] - 1, r[1] - 1, r[2] + 1, r[3] + 1]]));
    expect(v.targets.length).toBeGreaterThan(1);
    expect(block.text.startsWith(v.targets[1].text!.exact.split('\n')[0].slice(0, 5))).toBe(true);
    a.service.delete(v.id);
  });

  it('round-trips through W3C JSON-LD into another library holding the same document, byte for byte', () => {
    const exported = a.service.exportW3C();
    const first = b.service.importW3C(exported);
    expect(first).toEqual({ imported: 1, updated: 0, unchanged: 0, errors: [] });
    expect(b.service.exportW3C()).toBe(exported);
    // Idempotent: a second import changes nothing.
    expect(b.service.importW3C(exported)).toEqual({ imported: 0, updated: 0, unchanged: 1, errors: [] });
    expect(b.service.exportW3C()).toBe(exported);
  });

  it('imports the good annotations of a file and reports unknown targets by index', () => {
    const doc = JSON.parse(a.service.exportW3C());
    const good = doc.first.items[0];
    const stranger = { ...good, id: 'urn:uuid:9b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b', target: { ...good.target, source: `urn:sha256:${'0'.repeat(64)}` } };
    const pastEnd = {
      ...good,
      id: 'urn:uuid:8b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b',
      target: { ...good.target, selector: [{ type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=9&viewrect=0,0,10,10' }] },
    };
    const fresh = { ...good, id: 'urn:uuid:7b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b' };
    const report = b.service.importW3C(JSON.stringify([stranger, fresh, pastEnd]));
    expect(report.imported).toBe(1);
    expect(report.errors).toEqual([
      { index: 0, error: `target[0]: unknown document urn:sha256:${'0'.repeat(64)} (not in this library)` },
      { index: 2, error: 'target[0]: page 9 is past the last page of cjk-overprint.pdf (1)' },
    ]);
    b.service.delete('7b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b');
  });

  it('corrections: raw and cleaned layers stay, history keeps every version, annotations re-anchor or become orphans', () => {
    const { block, start } = para();
    const rawBefore = JSON.stringify(a.store.page(a.id, 1));
    const [ann] = a.service.list({ docId: a.id }).items;
    // Insert text before the quote: it shifts and re-anchors by quote.
    const out = a.service.correct(a.id, 1, block.id, '【更正】' + block.text, 'missing mark', 'Ada');
    expect(out.block.text).toBe('【更正】' + block.text);
    expect(out.block.corrected).toBe(true);
    expect(a.service.page(a.id, 1)!.blocks.find((x) => x.id === block.id)!.text).toBe('【更正】' + block.text);
    expect(JSON.stringify(a.store.page(a.id, 1))).toBe(rawBefore);
    const moved = a.service.list({ docId: a.id }).items.find((x) => x.id === ann.id)!;
    expect(moved.resolved[0]).toMatchObject({ status: 'reanchored', start: start + 2 + 4, end: start + 8 + 4 });
    // Correct a character inside the quote: found again by the context around it.
    a.service.correct(a.id, 1, block.id, block.text.slice(0, 4) + '〇' + block.text.slice(5), 'typo', 'Ada');
    const corrected = a.service.list({ docId: a.id }).items.find((x) => x.id === ann.id)!;
    expect(corrected.resolved[0]).toMatchObject({ status: 'reanchored', start: start + 2, end: start + 8 });
    // The panel shows the quote as annotated and as it reads now; the record (and so the W3C export) keeps the quote as annotated.
    const nowReads = (block.text.slice(0, 4) + '〇' + block.text.slice(5)).slice(2, 8);
    expect(quoteChanges(corrected)).toEqual([{ target: 0, was: block.text.slice(2, 8), now: nowReads }]);
    const exported = JSON.parse(a.service.exportW3C(a.id)).first.items.find((x: { id: string }) => x.id === `urn:uuid:${ann.id}`);
    expect(exported.target.selector[1]).toEqual({ type: 'TextQuoteSelector', exact: block.text.slice(2, 8), prefix: ann.targets[0].text!.prefix, suffix: ann.targets[0].text!.suffix });
    // Remove the quoted words: the annotation is an orphan, listed and never dropped.
    a.service.correct(a.id, 1, block.id, block.text.slice(0, 2) + block.text.slice(8), '', 'Ada');
    const orphan = a.service.list({ docId: a.id });
    expect(orphan.orphans).toBe(1);
    expect(orphan.items.find((x) => x.id === ann.id)).toMatchObject({ orphan: true });
    const h = a.service.history(a.id, 1, block.id);
    expect(h.original).toBe(block.text);
    expect(h.versions.map((v) => [v.author, v.reason])).toEqual([
      ['Ada', 'missing mark'],
      ['Ada', 'typo'],
      ['Ada', ''],
    ]);
    // Revert to the text as cleaned: the annotation anchors again, and the revert is itself a version.
    const back = a.service.revert(a.id, 1, block.id, 0, '', 'Ada');
    expect(back.block.text).toBe(block.text);
    expect(back.history.versions).toHaveLength(4);
    expect(back.history.versions[3].reason).toBe('reverted to version 0');
    expect(a.service.list({ docId: a.id }).items.find((x) => x.id === ann.id)!.resolved[0].status).toBe('anchored');
    expect(() => a.service.correct(a.id, 1, block.id, block.text, '', 'Ada')).toThrow('unchanged');
  });

  it('exports the cleaned and the corrected text of a document', () => {
    const { block } = para();
    a.service.correct(a.id, 1, block.id, block.text + '（完）', '', 'Ada');
    const cleaned = a.service.documentText(a.id, 'cleaned').text;
    const corrected = a.service.documentText(a.id, 'corrected').text;
    expect(cleaned).toBe(pageText(a.store.page(a.id, 1)!.blocks) + '\n');
    expect(corrected).toBe(cleaned.replace(block.text, block.text + '（完）'));
    a.service.revert(a.id, 1, block.id, 0, '', 'Ada');
  });

  it('articles read as one text, take whole-article notes and export as Markdown with them', () => {
    const model = a.service.page(a.id, 1)!;
    const paras = model.blocks.filter((x) => x.kind === 'paragraph').slice(0, 2);
    const art = a.service.saveArticle({ title: '大陈村', parts: paras.map((p) => ({ docId: a.id, page: 1, blockId: p.id })) });
    const read = a.service.readArticle(art.id);
    expect(read.text).toBe(paras.map((p) => p.text).join('\n\n'));
    const whole = a.service.createForArticle(art.id, { note: 'Whole story', tags: ['story'], colour: 'blue' }, 'Ada');
    expect(whole.targets.map((t) => t.text!.exact)).toEqual(paras.map((p) => p.text));
    const md = a.service.exportArticle(art.id, 'markdown');
    expect(md.fileName).toBe('大陈村.md');
    expect(md.text.startsWith(`# 大陈村\n\n${paras[0].text}\n\n${paras[1].text}\n\n## Notes\n`)).toBe(true);
    expect(md.text).toContain('- **Whole article**\n  Tags: story\n  Whole story\n');
    // The earlier highlight inside the first paragraph is one of the article's notes too.
    expect(md.text).toContain('**who?**');
  });

  it('CSV has one row per annotation with quoted fields', () => {
    const csv = a.service.exportCsv();
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,document,newspaper,date,page,quote,note,tags,colour,creator,created,modified,pageNewspaper');
    expect(csv).toContain(',**who?**,people; place,pink,Ada,');
    // A note with a comma, a quote and a line break stays one field.
    const [ann] = a.service.list().items;
    a.service.update(ann.id, { note: 'He said "no",\nthen left' });
    expect(a.service.exportCsv()).toContain(',"He said ""no"",\nthen left",');
    a.service.update(ann.id, { note: '**who?**' });
    expect(lines.filter(Boolean)).toHaveLength(1 + a.service.list().items.length);
  });
});
