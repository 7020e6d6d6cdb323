import { describe, expect, it } from 'vitest';
import { fileErrorReason } from '../library/file-error-reason.ts';
import { printable } from './printable.ts';

describe('printable', () => {
  it('escapes newlines, terminal escapes and bidi overrides, and keeps CJK and accents', () => {
    expect(printable('evil\nerror: forged.pdf')).toBe('evil\\nerror: forged.pdf');
    expect(printable('a\u001b[2Jb.pdf')).toBe('a\\u{1b}[2Jb.pdf');
    expect(printable('x\u202egnp.pdf')).toBe('x\\u{202e}gnp.pdf');
    expect(printable('永康日报 Élan.pdf')).toBe('永康日报 Élan.pdf');
  });

  it('turns errno codes into words', () => {
    expect(fileErrorReason(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('no such file or folder');
    expect(fileErrorReason(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toBe('cannot read (EWHATEVER)');
  });
});
