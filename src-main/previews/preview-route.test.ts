import { describe, expect, it } from 'vitest';
import { previewCaching, previewRequest } from './preview-route.ts';

describe('previewCaching', () => {
  it('lets the browser keep a preview, and names the file made in its ETag (version, size, time)', () => {
    expect(previewCaching('/lib/previews/04/04ab/1.v2.jpg', 193976, 1796030311391.4)).toEqual({
      'cache-control': 'private, max-age=31536000, immutable',
      etag: '"1.v2.jpg-193976-1796030311391"',
    });
    // A preview made again by a newer version is another file: another ETag.
    expect(previewCaching('C:\\lib\\previews\\04\\04ab\\1.v3.jpg', 193976, 1796030311391).etag).toBe('"1.v3.jpg-193976-1796030311391"');
  });

  it('applies to preview paths only', () => {
    expect(previewRequest(`/files/${'a'.repeat(64)}/preview/1`)).toEqual({ id: 'a'.repeat(64), page: 1 });
    expect(previewRequest(`/files/${'a'.repeat(64)}`)).toBeNull();
  });
});
