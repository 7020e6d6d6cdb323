import { expect, it } from 'vitest';
import type { ImportResult } from '../../core/library-model.ts';
import { documentAfterImport } from './import-reveal.ts';

const r = (file: string, status: ImportResult['status'], id?: string): ImportResult => ({ file, status, ...(id ? { id } : {}) });

it('shows the first document an import brought new, else the first it found already there', () => {
  const batch = [r('bad.pdf', 'failed'), r('old.pdf', 'duplicate', 'old'), r('a.pdf', 'imported', 'a'), r('b.pdf', 'imported', 'b'), r('x.jp2', 'skipped')];
  expect(documentAfterImport(batch, null)).toBe('a');
  expect(documentAfterImport(batch, 'elsewhere')).toBe('a');
  expect(documentAfterImport([r('old.pdf', 'duplicate', 'old')], 'elsewhere')).toBe('old');
});

it('keeps the open document when the import brought it again (its METS or ALTO), and shows nothing when it brought none', () => {
  expect(documentAfterImport([r('new.pdf', 'imported', 'new'), r('open.pdf', 'duplicate', 'open')], 'open')).toBe('open');
  expect(documentAfterImport([r('bad.pdf', 'failed'), r('x.jp2', 'skipped'), r('mets.xml', 'used')], 'open')).toBeNull();
});
