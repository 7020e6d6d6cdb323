import { describe, expect, it } from 'vitest';
import { documentViewName } from './document-view-name.ts';

describe('documentViewName', () => {
  it('names a document by its newspaper, date and title, one space apart', () => {
    expect(documentViewName({ date: '1918-09-01', title: 'Page 1', fileName: 'p1.pdf' }, 'The Evening star')).toBe('The Evening star 1918-09-01 Page 1');
  });

  it('leaves out what is not known, without doubled spaces', () => {
    expect(documentViewName({ date: '', title: 'Page 1', fileName: 'p1.pdf' }, 'The Evening star')).toBe('The Evening star Page 1');
    expect(documentViewName({ date: '1918-09-01', title: '', fileName: 'p1.pdf' }, '')).toBe('1918-09-01');
  });

  it('falls back to the file name when nothing else is known', () => {
    expect(documentViewName({ date: '', title: '', fileName: 'cjk-photos.pdf' }, '')).toBe('cjk-photos.pdf');
    expect(documentViewName({ date: '', title: ' ', fileName: 'cjk-photos.pdf' }, ' ')).toBe('cjk-photos.pdf');
  });
});
