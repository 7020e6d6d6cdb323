import { beforeEach, describe, expect, it, vi } from 'vitest';

// The bridge and the decoder stand in: what is tested is which requests the loader makes, and when.
const calls: string[] = [];
const previews = new Map<string, 'ready' | 'pending' | 'none'>();
vi.mock('./archive.ts', () => ({
  archive: {
    call: async (name: string, params: { id: string; page: number }) => {
      calls.push(`${name} ${params.id}:${params.page}`);
      const wire = params.id.startsWith('sized') ? '{"width":600,"height":800}' : '{}';
      return { wire, photos: [], corrections: [], preview: previews.get(`${params.id}:${params.page}`) ?? 'none' };
    },
    previewUrl: (id: string, page: number) => `files/${id}/preview/${page}`,
  },
}));
vi.mock('../../core/page-view/page-view-codec.ts', () => ({
  decodePageView: () => ({ number: 1, width: 600, height: 800, items: [], images: [], blocks: [], edits: [], photos: [] }),
}));

const { forgetPages, loadPage, mayHavePreview, onPageComing, prefetchPage, previewImage } = await import('./page-loader.ts');
const { previewBytes } = await import('./preview-bytes.ts');

const fetched: string[] = [];
beforeEach(() => {
  calls.length = 0;
  fetched.length = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    const found = /preview/.test(url) && [...previews].some(([k, v]) => v !== 'none' && url === `files/${k.replace(':', '/preview/')}`);
    return new Response(found ? new Blob(['jpeg'], { type: 'image/jpeg' }) : 'not found', { status: found ? 200 : 404 });
  });
  // A decoded preview stands in as the size of the bytes it came from.
  vi.stubGlobal('createImageBitmap', async (b: Blob) => ({ width: b.size }));
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('page loader', () => {
  it('asks for a page’s preview together with its page view while the page may have one, and no more once it is known to have none', async () => {
    previews.set('scan:1', 'ready');
    previews.set('scan:2', 'ready');
    await loadPage('scan', 1, { preview: true });
    await loadPage('typeset', 1, { preview: true });
    await settle();
    // Both asked at once (the preview paints first); the typeset page's answers 404 and its page view says 'none'.
    expect(calls).toEqual(['document.pageView scan:1', 'document.pageView typeset:1']);
    expect(fetched).toEqual(['files/scan/preview/1', 'files/typeset/preview/1']);
    expect(await previewImage('scan', 1)).toEqual({ width: 4 });
    // The typeset document's other pages are not asked for a preview; a scan's are, before its page view has answered.
    fetched.length = 0;
    const [typeset2] = [loadPage('typeset', 2, { preview: true }), loadPage('scan', 2, { preview: true })];
    expect(fetched).toEqual(['files/scan/preview/2']);
    await typeset2;
    await settle();
    expect(fetched).toEqual(['files/scan/preview/2']);
  });

  it('takes the preview its library thumbnail fetched, without fetching it again, and the other way round', async () => {
    previews.set('shared:1', 'ready');
    previews.set('shared:2', 'ready');
    // The row's thumbnail (lib/pdf.ts) first, then the page: one request.
    await previewBytes('files/shared/preview/1');
    await loadPage('shared', 1, { preview: true });
    expect(await previewImage('shared', 1)).toEqual({ width: 4 });
    // The page first, then a thumbnail of it (a page card, a row drawn late): one request too.
    await loadPage('shared', 2, { preview: true });
    await previewImage('shared', 2);
    expect((await previewBytes('files/shared/preview/2')).blob?.size).toBe(4);
    expect(fetched).toEqual(['files/shared/preview/1', 'files/shared/preview/2']);
  });

  it('asks for no preview where none is wanted (a text dump)', async () => {
    previews.set('later:1', 'ready');
    fetched.length = 0;
    await loadPage('later', 1);
    expect(fetched).toEqual([]);
  });

  it('remembers a document without previews, so thumbnails of its other pages do not ask', async () => {
    await loadPage('plain', 3, { preview: true });
    expect([mayHavePreview('plain', 3), mayHavePreview('plain', 4), mayHavePreview('unknown', 1)]).toEqual([false, false, true]);
  });

  it('prefetches a neighbour’s page view and preview once; opening it then takes them without another request', async () => {
    previews.set('issue:2', 'ready');
    prefetchPage('issue', 2, { preview: true });
    prefetchPage('issue', 2, { preview: true });
    await settle();
    await settle();
    expect(calls).toEqual(['document.pageView issue:2']);
    expect(fetched).toEqual(['files/issue/preview/2']);
    const page = await loadPage('issue', 2, { preview: true });
    expect(page).toMatchObject({ docId: 'issue', preview: 'ready', width: 600 });
    expect(calls).toEqual(['document.pageView issue:2']);
    expect(await previewImage('issue', 2)).toEqual({ width: 4 });
    // Taken out of the cache: opened again, the page is fetched afresh (the reader may have changed it).
    await loadPage('issue', 2, { preview: true });
    expect(calls).toEqual(['document.pageView issue:2', 'document.pageView issue:2']);
    expect(fetched).toEqual(['files/issue/preview/2']);
  });

  it('forgets the pages fetched ahead of one document, or of every document, so they are fetched afresh', async () => {
    for (const [id, n] of [['left', 1], ['left', 2], ['right', 1]] as const) prefetchPage(id, n);
    await settle();
    forgetPages('left');
    await loadPage('left', 2);
    await loadPage('right', 1);
    expect(calls).toEqual(['document.pageView left:1', 'document.pageView left:2', 'document.pageView right:1', 'document.pageView left:2']);
    calls.length = 0;
    prefetchPage('left', 3);
    prefetchPage('right', 2);
    await settle();
    forgetPages(null);
    await loadPage('left', 3);
    await loadPage('right', 2);
    expect(calls).toEqual(['document.pageView left:3', 'document.pageView right:2', 'document.pageView left:3', 'document.pageView right:2']);
  });

  it('tells the page view a page’s size before decoding it, and decodes it once its preview has painted', async () => {
    // The window's events, as the paint wait uses them (the node project has no DOM).
    const win = new EventTarget();
    vi.stubGlobal('addEventListener', win.addEventListener.bind(win));
    vi.stubGlobal('removeEventListener', win.removeEventListener.bind(win));
    const told: unknown[] = [];
    const off = onPageComing((c) => (told.push(c), true));
    try {
      previews.set('sized:1', 'ready');
      let decoded = false;
      const page = loadPage('sized', 1, { preview: true }).then((p) => ((decoded = true), p));
      for (let i = 0; i < 5 && told.length < 2; i++) await settle();
      // null first (no page told of before is coming), then this page's size, before it is decoded.
      expect(told).toEqual([null, { docId: 'sized', page: 1, width: 600, height: 800 }]);
      await settle();
      expect(decoded).toBe(false);
      win.dispatchEvent(new CustomEvent('broadsheet:page-preview-painted', { detail: { docId: 'sized', page: 1 } }));
      expect(await page).toMatchObject({ docId: 'sized', width: 600 });
      // A page without a preview ready (one still to be made) is decoded at once: nothing to wait for.
      told.length = 0;
      previews.set('sized:2', 'pending');
      await loadPage('sized', 2, { preview: true });
      expect(told).toEqual([null]);
    } finally {
      off();
      vi.unstubAllGlobals();
    }
  });
});
