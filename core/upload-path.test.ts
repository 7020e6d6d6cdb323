import { describe, expect, it } from 'vitest';
import { toUploadPath, uploadPathProblem } from './upload-path.ts';

describe('upload paths', () => {
  it('accept a batch’s relative folders', () => {
    expect(uploadPathProblem('batch_x/sn83045462/reel01/1859022101/0007.pdf', '0007.pdf')).toBeNull();
    expect(toUploadPath('/batch_x/sn83045462/0007.pdf', '0007.pdf')).toBe('batch_x/sn83045462/0007.pdf');
    expect(toUploadPath('batch_x/0007.pdf', '0007.pdf')).toBe('batch_x/0007.pdf');
  });

  it('refuse what could name something outside the drop, with the reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['../etc/a.pdf', /'\.\.'/],
      ['a/../../a.pdf', /'\.\.'/],
      ['a/./a.pdf', /'\.'/],
      ['a//a.pdf', /empty/],
      ['/abs/a.pdf', /absolute/],
      ['C:/x/a.pdf', /absolute/],
      ['a\\..\\a.pdf', /backslash/],
      ['a/\u0000/a.pdf', /control/],
      ['x'.repeat(1100) + '/a.pdf', /longer than 1024/],
      [Array.from({ length: 40 }, () => 'd').join('/') + '/a.pdf', /deeper/],
      ['a/b.pdf', /end with the file name/],
    ];
    for (const [path, why] of cases) expect(uploadPathProblem(path, 'a.pdf'), path).toMatch(why);
  });

  it('leave out a path that is only the name, or unsafe', () => {
    expect(toUploadPath('/a.pdf', 'a.pdf')).toBeUndefined();
    expect(toUploadPath('', 'a.pdf')).toBeUndefined();
    expect(toUploadPath(undefined, 'a.pdf')).toBeUndefined();
    expect(toUploadPath('/x/../a.pdf', 'a.pdf')).toBeUndefined();
  });
});
