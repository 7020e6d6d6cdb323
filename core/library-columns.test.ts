import { describe, expect, it } from 'vitest';
import { columnRows, decodeLibraryColumns, encodeLibraryColumns } from './library-columns.ts';
import type { DocumentSummary } from './library-model.ts';

const doc = (i: number, over: Partial<DocumentSummary> = {}): DocumentSummary => {
  const id = i.toString(16).padStart(64, 'a');
  return {
    id,
    sha256: id,
    kind: 'pdf',
    fileName: `${String(i).padStart(4, '0')}.pdf`,
    pageCount: 1,
    importedAt: new Date(Date.UTC(2026, 10, 29, 11, 0, i)).toISOString(),
    newspaper: 'Evening Star',
    date: '1859-02-21',
    page: i,
    edition: '01',
    title: '',
    language: '',
    lccn: 'sn83045462',
    issue: 'sn83045462/1859-02-21/01',
    sequence: i,
    pageLabel: String(i),
    volume: '13',
    number: '1,887',
    metadataSource: 'mets',
    ...over,
  };
};

describe('library columns', () => {
  it('give back exactly the documents they were made from', () => {
    const docs = [
      doc(1),
      doc(2, { kind: 'text', page: null, sequence: null, newspaper: '', date: '', issue: '', title: 'Huge «dump»\nwith a newline', metadataSource: 'guess' }),
      doc(3, { importedAt: '2020-01-01 10:00:00', language: 'zh-Hant', pageCount: 12, metadataSource: 'archivist' }),
    ];
    const cols = encodeLibraryColumns(docs, { version: 7 });
    expect(cols.version).toBe(7);
    expect(cols.total).toBe(3);
    expect(columnRows(cols)).toBe(3);
    // A JSON round trip is what the transports do.
    expect(decodeLibraryColumns(JSON.parse(JSON.stringify(cols)))).toEqual(docs);
    // An import time that is not toISOString's own text travels as text, unchanged.
    expect(cols.importedAt[2]).toBe('2020-01-01 10:00:00');
    expect(typeof cols.importedAt[0]).toBe('number');
  });

  it('store each repeated string once', () => {
    const docs = Array.from({ length: 500 }, (_, i) => doc(i + 1));
    const cols = encodeLibraryColumns(docs, { version: 1, total: 10_000, offset: 0 });
    expect(cols.dict.filter((s) => s === 'Evening Star')).toHaveLength(1);
    expect(cols.total).toBe(10_000);
    const objects = JSON.stringify(docs).length;
    expect(JSON.stringify(cols).length).toBeLessThan(objects / 2.5);
  });

  it('refuse an id that is not 64 digits (the ids column has fixed-width rows)', () => {
    expect(() => encodeLibraryColumns([doc(1, { id: 'short' })], { version: 1 })).toThrow(/64 digits/);
  });
});
