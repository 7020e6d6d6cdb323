import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { LibraryStore } from '../library-store.ts';

export interface TempLibrary {
  readonly dir: string;
  readonly store: LibraryStore;
}

/**
 * A new library in a folder of its own under the system's temp folder, for
 * the whole test file (`'file'`) or made again for each test (`'test'`),
 * closed and deleted after: the setup a dozen store tests each wrote out.
 */
export function tempLibrary(prefix: string, per: 'file' | 'test' = 'file'): TempLibrary {
  let dir = '';
  let store: LibraryStore | null = null;
  (per === 'test' ? beforeEach : beforeAll)(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    store = new LibraryStore(dir);
  });
  (per === 'test' ? afterEach : afterAll)(() => {
    store?.close();
    store = null;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get store() {
      if (!store) throw new Error('tempLibrary: the library is open only while its tests run');
      return store;
    },
  };
}
