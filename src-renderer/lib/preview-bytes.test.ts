import { beforeEach, expect, it, vi } from 'vitest';
import { previewBytes } from './preview-bytes.ts';

const fetched: string[] = [];
let answer: () => Response;
beforeEach(() => {
  fetched.length = 0;
  answer = () => new Response(new Blob(['jpeg'], { type: 'image/jpeg' }));
  vi.stubGlobal('fetch', async (url: string) => (fetched.push(url), answer()));
});

it('fetches a preview once for every one that asks, at the same time or after', async () => {
  const [a, b] = [previewBytes('files/one/preview/1'), previewBytes('files/one/preview/1')];
  expect(await a).toBe(await b);
  expect((await previewBytes('files/one/preview/1')).blob?.size).toBe(4);
  expect(fetched).toEqual(['files/one/preview/1']);
});

it('asks again for a preview that was not there, or whose fetch failed', async () => {
  answer = () => new Response('not found', { status: 404 });
  expect(await previewBytes('files/two/preview/1')).toEqual({ status: 404, blob: null });
  answer = () => new Response(new Blob(['jpeg'], { type: 'image/jpeg' }));
  expect((await previewBytes('files/two/preview/1')).status).toBe(200);
  expect(fetched).toEqual(['files/two/preview/1', 'files/two/preview/1']);
});

it('keeps the last 24 previews, the one used last kept longest', async () => {
  await previewBytes('files/p/preview/0');
  for (let n = 1; n <= 23; n++) await previewBytes(`files/p/preview/${n}`);
  await previewBytes('files/p/preview/0'); // used again: now the newest
  await previewBytes('files/p/preview/24'); // pushes out page 1, the oldest
  fetched.length = 0;
  await previewBytes('files/p/preview/0');
  await previewBytes('files/p/preview/1');
  expect(fetched).toEqual(['files/p/preview/1']);
});
