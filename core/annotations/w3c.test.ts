import { describe, expect, it } from 'vitest';
import type { Annotation } from './annotation.ts';
import { fromW3C, readW3CFile, toW3C, toW3CCollection } from './w3c.ts';

const DOC = 'ab'.repeat(32);
const base: Annotation = {
  id: '0b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b',
  targets: [{ docId: DOC, page: 2, text: { start: 10, end: 15, exact: '大陈村来到', prefix: '记者', suffix: '。' }, viewrect: [72.5, 100, 30, 12] }],
  note: 'Check *this* name',
  tags: ['people', 'place'],
  colour: 'green',
  creator: 'A. Archivist',
  created: '2026-11-29T08:00:00.000Z',
  modified: '2026-11-29T08:05:00.000Z',
};

describe('W3C Web Annotation mapping', () => {
  it('writes the model with urn:sha256 source, RFC 3778 fragment, quote and position selectors', () => {
    expect(toW3C(base)).toEqual({
      id: 'urn:uuid:0b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b',
      type: 'Annotation',
      motivation: 'commenting',
      creator: { type: 'Person', name: 'A. Archivist' },
      created: '2026-11-29T08:00:00.000Z',
      modified: '2026-11-29T08:05:00.000Z',
      stylesheet: { type: 'CssStylesheet', value: '.green { background-color: #7fd08b; }' },
      body: [
        { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: 'Check *this* name' },
        { type: 'TextualBody', purpose: 'tagging', value: 'people' },
        { type: 'TextualBody', purpose: 'tagging', value: 'place' },
      ],
      target: {
        type: 'SpecificResource',
        source: `urn:sha256:${DOC}`,
        styleClass: 'green',
        selector: [
          { type: 'FragmentSelector', conformsTo: 'http://tools.ietf.org/rfc/rfc3778', value: 'page=2&viewrect=72.5,100,30,12' },
          { type: 'TextQuoteSelector', exact: '大陈村来到', prefix: '记者', suffix: '。' },
          { type: 'TextPositionSelector', start: 10, end: 15 },
        ],
      },
    });
  });

  it('reads back exactly what it wrote, for text, area and multi-target annotations', () => {
    const area: Annotation = { ...base, id: '1b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b', note: '', tags: [], targets: [{ docId: DOC, page: 1, text: null, viewrect: [0, 0, 100, 50] }] };
    const article: Annotation = { ...base, id: '2b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b', targets: [base.targets[0], { ...base.targets[0], page: 3 }] };
    for (const a of [base, area, article]) expect(fromW3C(JSON.parse(JSON.stringify(toW3C(a))))).toEqual({ ok: true, annotation: a });
    const file = JSON.stringify(toW3CCollection([base, area, article]));
    const read = readW3CFile(file);
    expect(read.errors).toEqual([]);
    expect(JSON.stringify(toW3CCollection(read.annotations.map((r) => r.annotation)))).toBe(file);
  });

  it('reports each bad annotation by index with its reason and keeps the good ones', () => {
    const good = toW3C(base);
    const items = [
      good,
      { ...good, id: 'http://example.org/1' },
      { ...good, id: 'urn:uuid:3b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b', target: { ...(good.target as object), source: 'http://example.org/page.pdf' } },
      { ...good, id: 'urn:uuid:4b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b', created: 12 },
      good,
      'not an object',
    ];
    const r = readW3CFile(JSON.stringify(items));
    expect(r.annotations.map((a) => a.index)).toEqual([0]);
    expect(r.errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5]);
    expect(r.errors[0].error).toBe('id: should be urn:uuid: and a UUID');
    expect(r.errors[1].error).toMatch(/urn:sha256/);
    expect(r.errors[2].error).toMatch(/created/);
    expect(r.errors[3].error).toMatch(/duplicate id/);
  });

  it("says what is wrong with a field in plain words, where it is in the W3C annotation, not in Zod's", () => {
    const good = toW3C(base);
    const error = (w: object) => (fromW3C(w) as { error: string }).error;
    expect(error({ ...good, created: undefined })).toBe('created: is missing');
    expect(error({ ...good, created: 12 })).toBe('created: should be a string, not the number 12');
    expect(error({ ...good, created: 'yesterday' })).toBe('created: should be a date and time such as 2026-12-01T09:30:00Z');
    expect(error({ ...good, created: '' })).toBe('created: should be a date and time such as 2026-12-01T09:30:00Z (it is empty)');
    expect(error({ ...good, created: '2026-02-30T09:30:00Z' })).toBe('created: names no day of the calendar: 2026-02-30');
    expect(error({ ...good, created: '2026-13-01T09:30:00Z' })).toBe('created: names no day of the calendar: 2026-13-01');
    // A day that exists, with a time that does not: the form is what is wrong.
    expect(error({ ...good, created: '2024-02-29T25:30:00Z' })).toBe('created: should be a date and time such as 2026-12-01T09:30:00Z');
    expect(error({ ...good, target: { source: `urn:sha256:${DOC}`, selector: [{ type: 'XPathSelector', value: '/p' }] } })).toBe(
      'target.selector[0].type: should be "FragmentSelector" or "TextQuoteSelector" or "TextPositionSelector", not the text "XPathSelector"',
    );
    expect(error({ ...good, type: 'Note' })).toBe('type: should be "Annotation", not the text "Note"');
    expect(error({ ...good, body: [{ type: 'TextualBody', purpose: 'commenting', value: 42 }] })).toBe('body[0].value: should be a string, not the number 42');
    expect(error({ ...good, target: { source: `urn:sha256:${DOC}`, selector: 'page=1' } })).toBe('target.selector: should be an object, not the text "page=1"');
    expect(error({ ...good, target: { source: `urn:sha256:${DOC}`, selector: [{ type: 'FragmentSelector', value: 'page=1' }] } })).toBe('target[0]: a target needs a text range or an area');
    // The Web Annotation model lets a target be a bare IRI (the whole resource): said as such, in a list or alone.
    expect(error({ ...good, target: 'http://example.org/page1' })).toBe(
      'target: should say where it is: a source (urn:sha256:…) with a FragmentSelector (page=N), not only the IRI "http://example.org/page1"',
    );
    expect(error({ ...good, target: ['http://example.org/page1'] })).toBe(
      'target[0]: should say where it is: a source (urn:sha256:…) with a FragmentSelector (page=N), not only the IRI "http://example.org/page1"',
    );
    expect(error({ ...good, target: 7 })).toBe('target: should be an object, not the number 7');
  });

  it('rejects selectors that disagree and fragments that are not RFC 3778 pages', () => {
    const sel = (selector: unknown[]) => fromW3C({ ...toW3C(base), target: { source: `urn:sha256:${DOC}`, selector } });
    expect(sel([{ type: 'TextQuoteSelector', exact: 'x' }])).toMatchObject({ ok: false, error: /FragmentSelector/ });
    expect(sel([{ type: 'FragmentSelector', value: 'viewrect=1,2,3,4' }])).toMatchObject({ ok: false, error: /page=N/ });
    expect(sel([{ type: 'FragmentSelector', value: 'page=1&viewrect=1,2,-3,4' }])).toMatchObject({ ok: false, error: /viewrect/ });
    expect(sel([{ type: 'FragmentSelector', value: 'page=1' }, { type: 'TextQuoteSelector', exact: 'abc' }, { type: 'TextPositionSelector', start: 0, end: 5 }])).toMatchObject({
      ok: false,
      error: /spans 5 characters but the quote has 3/,
    });
  });

  it('refuses whole files that are not annotations with one line', () => {
    expect(() => readW3CFile('{not json')).toThrow(/^not JSON/);
    expect(() => readW3CFile('{"type":"Something"}')).toThrow(/expected a W3C AnnotationCollection/);
    expect(() => readW3CFile('{"type":"AnnotationCollection"}')).toThrow(/no embedded first page/);
    expect(() => readW3CFile('42')).toThrow(/expected a W3C/);
  });
});
