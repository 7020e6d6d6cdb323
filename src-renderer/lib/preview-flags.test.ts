import { expect, it, vi } from 'vitest';
import { encodeLibraryColumns } from '../../core/library-columns.ts';
import { NO_PLACEMENT, type DocumentSummary } from '../../core/library-model.ts';

vi.mock('./archive.ts', () => ({ archive: { call: async () => ({}), previewUrl: (id: string, page: number) => `files/${id}/preview/${page}` } }));
const { mayHavePreview } = await import('./page-loader.ts');
const { notePreviewFlags } = await import('./preview-flags.ts');

const doc = (n: number, kind: 'pdf' | 'text'): DocumentSummary => ({
  ...NO_PLACEMENT,
  id: String(n).repeat(64),
  sha256: String(n).repeat(64),
  kind,
  fileName: `${n}.${kind}`,
  pageCount: 2,
  importedAt: '2026-01-01T00:00:00.000Z',
  metadataSource: 'guess',
  newspaper: '',
  date: '',
  page: null,
  edition: '',
  title: '',
  language: '',
});

it('marks the documents whose first page has no preview, so their thumbnails never ask for one', () => {
  const docs = [doc(1, 'pdf'), doc(2, 'pdf'), doc(3, 'pdf'), doc(4, 'text')];
  const cols = { ...encodeLibraryColumns(docs, { version: 1 }), previews: 'yn?n' };
  expect(notePreviewFlags(cols)).toBe(cols);
  expect(docs.map((d) => mayHavePreview(d.id, 1))).toEqual([true, false, true, true]);
  // Without the column (an older back end), nothing is assumed.
  notePreviewFlags(encodeLibraryColumns([doc(5, 'pdf')], { version: 1 }));
  expect(mayHavePreview(doc(5, 'pdf').id, 1)).toBe(true);
});
