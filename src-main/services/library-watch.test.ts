import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { EventBus } from './event-bus.ts';
import { watchLibrary } from './library-watch.ts';

describe('watchLibrary', () => {
  let dir: string;
  let app: LibraryStore;
  let cli: LibraryStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-watch-'));
    app = new LibraryStore(dir);
    cli = new LibraryStore(dir);
  });
  afterEach(() => {
    app.close();
    cli.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces a document another process imported, once, and ignores our own writes', async () => {
    const events = new EventBus();
    const seen = vi.fn();
    events.subscribe(seen);
    const stop = watchLibrary(app, events, 20);
    try {
      await importFiles(app, inThreadProcessor, [{ name: 'own.txt', bytes: Buffer.from('我们自己的\n') }]);
      await new Promise((r) => setTimeout(r, 80));
      expect(seen).not.toHaveBeenCalled();

      await importFiles(cli, inThreadProcessor, [{ name: 'other.txt', bytes: Buffer.from('来到大陈村来到大陈村\n') }]);
      await vi.waitFor(() => expect(seen).toHaveBeenCalledWith('library.changed', { ids: [] }), { timeout: 2000 });
      await new Promise((r) => setTimeout(r, 80));
      expect(seen).toHaveBeenCalledTimes(1);
      expect(app.list().map((d) => d.fileName).sort()).toEqual(['other.txt', 'own.txt']);
    } finally {
      stop();
    }
  });
});
