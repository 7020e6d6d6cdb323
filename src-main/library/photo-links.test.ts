import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../core/contract.ts';
import type { Photo } from '../../core/page-model.ts';
import { paragraphSnippet } from '../../core/photos/paragraph-snippet.ts';
import { EventBus } from '../services/event-bus.ts';
import { createHandlers } from '../services/handlers.ts';
import { importFiles } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';

const PHOTOS = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'cjk-photos.pdf');

describe('photo links in the library', () => {
  let dir: string;
  let store: LibraryStore;
  let handlers: Handlers;
  let id: string;
  const call = async (name: string, params: unknown) => {
    const reply = await dispatch(handlers, name, params);
    if (!reply.ok) throw new Error(reply.error);
    return reply.result as never;
  };
  const photosOf = async (page: number): Promise<Photo[]> => ((await call('document.page', { id, page })) as { photos: Photo[] }).photos;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-photo-links-'));
    store = new LibraryStore(dir);
    handlers = createHandlers({ store, events: new EventBus(), processor: inThreadProcessor, host: 'browser', version: 'test' });
    const [result] = await importFiles(store, inThreadProcessor, [{ name: 'cjk-photos.pdf', bytes: readFileSync(PHOTOS) }]);
    id = result.id!;
  }, 120_000);
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links photos at import, across pages, best first with scores', async () => {
    const photos = await photosOf(1);
    expect(photos).toHaveLength(4);
    for (const p of photos) {
      expect(p.caption).toMatch(/^p1b\d+$/);
      expect(p.links.length).toBeGreaterThan(0);
      const scores = p.links.map((l) => l.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
    // The fixture puts two page-1 photos' stories on page 2.
    expect(photos.filter((p) => p.links[0].block.startsWith('p2b'))).toHaveLength(2);
  });

  it('finds the photos that illustrate a paragraph, from any page', async () => {
    const photos = [...(await photosOf(1)), ...(await photosOf(2))];
    const far = photos.find((p) => p.id.startsWith('p1i') && p.links[0].block.startsWith('p2b'))!;
    const found = (await call('photos.ofBlock', { id, block: far.links[0].block })) as Array<{ photo: string; page: number; score: number }>;
    expect(found).toContainEqual(expect.objectContaining({ photo: far.id, page: 1, score: far.links[0].score }));
    expect(await call('photos.ofBlock', { id, block: 'p2b0' })).toEqual([]);
  });

  it('gives the first words of the paragraphs a photo links to, on any page', async () => {
    const far = (await photosOf(1)).find((p) => p.links[0].block.startsWith('p2b'))!;
    const block = far.links[0].block;
    const text = ((await call('document.page', { id, page: 2 })) as { blocks: Array<{ id: string; text: string }> }).blocks.find((b) => b.id === block)!.text;
    expect(await call('photos.linkSnippets', { id, blocks: [block, 'p1b9999', 'p99b0'] })).toEqual({ [block]: paragraphSnippet(text) });
    expect(paragraphSnippet(text).length).toBeGreaterThan(0);
  });

  it('gives a corrected paragraph’s first words as the archivist corrected them, blocks on several pages in page order', async () => {
    const far = (await photosOf(1)).find((p) => p.links[0].block.startsWith('p2b'))!;
    const block = far.links[0].block;
    const near = (await photosOf(1)).flatMap((p) => p.links.map((l) => l.block)).find((b) => b.startsWith('p1b'))!;
    const nearText = ((await call('document.page', { id, page: 1 })) as { blocks: Array<{ id: string; text: string }> }).blocks.find((b) => b.id === near)!.text;
    await call('corrections.set', { docId: id, page: 2, blockId: block, text: 'Corrected: the mayor opened the new railway station on Monday before a large crowd.' });
    const snippets = (await call('photos.linkSnippets', { id, blocks: [block, near] })) as Record<string, string>;
    expect(snippets).toEqual({ [block]: 'Corrected: the mayor opened the new railway station …', [near]: paragraphSnippet(nearText) });
    expect(Object.keys(snippets)).toEqual([block, near]);
    // Reverted to cleaning's text, the snippet follows.
    await call('corrections.revert', { docId: id, page: 2, blockId: block, toVersion: 0 });
    const text = ((await call('document.page', { id, page: 2 })) as { blocks: Array<{ id: string; text: string }> }).blocks.find((b) => b.id === block)!.text;
    expect(await call('photos.linkSnippets', { id, blocks: [block] })).toEqual({ [block]: paragraphSnippet(text) });
  });

  it('keeps confirmed, removed and added links through a re-run of the linker', async () => {
    const [first, second] = await photosOf(1);
    const top = first.links[0].block;
    const manual = 'p1b2';
    expect(first.links.map((l) => l.block)).not.toContain(manual);
    await call('photos.link', { id, photo: first.id, block: top, action: 'remove' });
    let after = (await call('photos.link', { id, photo: first.id, block: manual, action: 'add' })) as Photo[];
    expect(after[0].links.map((l) => l.block)).not.toContain(top);
    expect(after[0].links[0]).toMatchObject({ block: manual, origin: 'added' });
    expect(await call('photos.ofBlock', { id, block: manual })).toContainEqual(expect.objectContaining({ photo: first.id, origin: 'added' }));
    after = (await call('photos.link', { id, photo: second.id, block: second.links[0].block, action: 'confirm' })) as Photo[];
    expect(after[1].links[0]).toMatchObject({ block: second.links[0].block, origin: 'confirmed', score: second.links[0].score });

    expect(await call('photos.relink', { id })).toEqual({ photos: 8 });
    const again = await photosOf(1);
    expect(again[0].links.map((l) => l.block)).not.toContain(top);
    expect(again[0].links[0]).toMatchObject({ block: manual, origin: 'added' });
    expect(again[1].links[0]).toMatchObject({ origin: 'confirmed' });

    // Reset forgets the choice: the linker's own link shows again.
    await call('photos.link', { id, photo: first.id, block: top, action: 'reset' });
    expect((await photosOf(1))[0].links.map((l) => l.block)).toContain(top);
  });

  it('refuses links to photos or blocks that do not exist, and a photo linked to its own caption', async () => {
    const [first] = await photosOf(1);
    await expect(call('photos.link', { id, photo: 'p1i99', block: 'p1b2', action: 'add' })).rejects.toThrow('no photo p1i99');
    await expect(call('photos.link', { id, photo: first.id, block: 'p9b1', action: 'add' })).rejects.toThrow('no block p9b1');
    await expect(call('photos.link', { id, photo: first.id, block: first.caption, action: 'add' })).rejects.toThrow('own caption');
    await expect(call('photos.link', { id, photo: "p1i0'; DROP TABLE pages;--", block: 'p1b2', action: 'add' })).rejects.toThrow('invalid photo');
    await expect(call('photos.link', { id, photo: first.id, block: 'p1b2', action: 'merge' })).rejects.toThrow('invalid action');
  });
});
