import { describe, expect, it } from 'vitest';
import { planUploadBatches, rememberUploadPath, uploadPathOf, withoutSplitArtifacts } from './upload-paths.ts';

const file = (path: string, size: number) => {
  const name = path.split('/').pop()!;
  return rememberUploadPath(new File([new Uint8Array(size)], name), '/' + path);
};

describe('upload paths and requests', () => {
  it('keep a checked relative path, and drop an unsafe one', () => {
    expect(uploadPathOf(file('b/sn1/1901020301/0001.pdf', 1))).toBe('b/sn1/1901020301/0001.pdf');
    expect(uploadPathOf(rememberUploadPath(new File(['x'], 'a.pdf'), '/b/../a.pdf'))).toBeUndefined();
  });

  it('send each folder’s METS with every request holding its pages', () => {
    const files = [file('b/i1/0001.pdf', 40), file('b/i1/0002.pdf', 40), file('b/i1/i1.xml', 2), file('b/i2/0001.pdf', 40), file('b/i2/i2.xml', 2), file('loose.pdf', 10)];
    // Encoded size limit of 60 bytes: about one page a request.
    const batches = planUploadBatches(files, 60).map((b) => b.map((i) => uploadPathOf(files[i]) ?? files[i].name));
    for (const b of batches) {
      for (const p of b.filter((x) => x.endsWith('.pdf') && x.includes('/'))) expect(b, p).toContain(p.replace(/\/[^/]+$/, '') + '/' + (p.includes('i1') ? 'i1.xml' : 'i2.xml'));
    }
    expect(batches.flat().filter((p) => p.endsWith('.pdf')).sort()).toEqual(['b/i1/0001.pdf', 'b/i1/0002.pdf', 'b/i2/0001.pdf', 'loose.pdf']);
  });

  it('drop only the "missing" a split caused, and each repeated METS line', () => {
    const files = [file('b/i1/0001.pdf', 1), file('b/i1/0002.pdf', 1)];
    const results = withoutSplitArtifacts(
      [
        { file: 'b/i1/0002.pdf', status: 'skipped', error: 'b/i1/0002.pdf: 0002.pdf is named by i1.xml for page 2, but missing' },
        { file: 'b/i1/0003.pdf', status: 'skipped', error: 'b/i1/0003.pdf: 0003.pdf is named by i1.xml for page 3, but missing' },
        { file: 'b/i1/i1.xml', status: 'skipped', error: 'b/i1/i1.xml: issue METS' },
        { file: 'b/i1/i1.xml', status: 'skipped', error: 'b/i1/i1.xml: issue METS' },
        { file: 'b/i1/0001.pdf', status: 'imported', id: 'x' },
      ],
      files,
    );
    expect(results.map((r) => r.file)).toEqual(['b/i1/0003.pdf', 'b/i1/i1.xml', 'b/i1/0001.pdf']);
  });
});
