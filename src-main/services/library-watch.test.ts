import { afterEach, describe, expect, it, vi } from 'vitest';
import { rewritePages, useTwoConnections } from '../../test-support/two-connections.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { EventBus } from './event-bus.ts';
import { watchLibrary } from './library-watch.ts';

describe('watchLibrary', () => {
  const lib = useTwoConnections('broadsheet-watch-', (dir) => new LibraryStore(dir));

  // Declared after useTwoConnections' own: after-hooks run last-declared first, so the watch stops before the stores close.
  let stop: (() => void) | null = null;
  afterEach(() => {
    stop?.();
    stop = null;
  });

  /** The store watched every 20 ms, on a bus whose every event `seen` records; the watch stops after the test. */
  function watched(store: LibraryStore): { events: EventBus; seen: ReturnType<typeof vi.fn> } {
    const events = new EventBus();
    const seen = vi.fn();
    events.subscribe((event, payload) => seen(event, payload));
    stop = watchLibrary(store, events, 20);
    return { events, seen };
  }

  it('announces a document another process imported, once, and ignores our own writes', async () => {
    const { app, cli } = lib;
    const { events, seen } = watched(app);
    const [{ id: own }] = await importFiles(app, inThreadProcessor, [{ name: 'own.txt', bytes: Buffer.from('我们自己的\n') }]);
    // As the app's import handler tells it: the watch says nothing of it, now or with the next change.
    events.emit('library.changed', { ids: [own!] });
    await new Promise((r) => setTimeout(r, 80));
    expect(seen).toHaveBeenCalledTimes(1);

    const [{ id: other }] = await importFiles(cli, inThreadProcessor, [{ name: 'other.txt', bytes: Buffer.from('来到大陈村来到大陈村\n') }]);
    // Named, once: the document is new, none of its pages were there before. The ticks that fall between the other
    // process's commits before the document is whole (its row in imports, its pages) say nothing: only bookkeeping.
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith('library.changed', { ids: [other!] }), { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 80));
    expect(seen.mock.calls).toEqual([
      ['library.changed', { ids: [own!] }],
      ['library.changed', { ids: [other!] }],
    ]);
    expect(app.list().map((d) => d.fileName).sort()).toEqual(['other.txt', 'own.txt']);
  });

  it('names the documents another process changed, and those whose pages it wrote again (the open page is read again)', async () => {
    const { app, cli } = lib;
    const [a, b] = (
      await importFiles(app, inThreadProcessor, [
        { name: 'a.txt', bytes: Buffer.from('First page of a.\n') },
        { name: 'b.txt', bytes: Buffer.from('First page of b.\n') },
      ])
    ).map((r) => r.id!);
    const { seen } = watched(app);
    // The watch takes its first look at the documents on its first tick.
    await new Promise((r) => setTimeout(r, 60));
    // Another process rebuilds a's pages (as a re-import laying it out from its ALTO does): same text, new rows.
    rewritePages(cli, a);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledWith('library.changed', { ids: [a], pages: [a] }), { timeout: 2000 });
    // Its metadata changed: the list, and the open page's header, follow.
    cli.db.prepare("UPDATE documents SET title = 'Renamed' WHERE id = ?").run(b);
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith('library.changed', { ids: [b], pages: [b] }), { timeout: 2000 });
    // Removed: named, no pages to read again.
    cli.removeDocuments([a]);
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith('library.changed', { ids: [a] }), { timeout: 2000 });
    // A fixity check says nothing new to a reader, yet the list is still told to look (ids empty).
    cli.db.prepare("UPDATE documents SET fixity_checked_at = 'now' WHERE id = ?").run(b);
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith('library.changed', { ids: [] }), { timeout: 2000 });
    expect(seen).toHaveBeenCalledTimes(4);
  });
  it("says nothing of another process's bookkeeping (an import in progress, its heartbeat), and refreshes for its settings and titles", async () => {
    const { app, cli } = lib;
    const { seen } = watched(app);
    // The watch takes its first look at the documents on its first tick.
    await new Promise((r) => setTimeout(r, 60));
    // An import's record, its heartbeat, its end: three commits another process makes, none the app shows.
    cli.db.prepare("INSERT INTO imports (id, doc_id, owner_pid, owner_host, heartbeat_at) VALUES ('i1', 'd1', 1, 'h', 1)").run();
    await new Promise((r) => setTimeout(r, 60));
    cli.db.prepare("UPDATE imports SET heartbeat_at = 2 WHERE id = 'i1'").run();
    await new Promise((r) => setTimeout(r, 60));
    cli.db.prepare("DELETE FROM imports WHERE id = 'i1'").run();
    await new Promise((r) => setTimeout(r, 60));
    // This process's own settings: told by their handlers, not by the watch, now or with the next change.
    app.updateSettings({ zoom: 2 });
    await new Promise((r) => setTimeout(r, 60));
    expect(seen).not.toHaveBeenCalled();

    // Another process's settings, then a newspaper's name: the list looks again, each time.
    cli.updateSettings({ zoom: 'fit-page' });
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(1), { timeout: 2000 });
    cli.db.prepare("INSERT INTO titles (lccn, newspaper) VALUES ('sn83045462', 'Evening Star')").run();
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(2), { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 60));
    expect(seen.mock.calls).toEqual([
      ['library.changed', { ids: [] }],
      ['library.changed', { ids: [] }],
    ]);
  });
});
