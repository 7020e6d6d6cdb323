import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LibraryStore } from '../library/library-store.ts';
import { chooseLibraryDir } from '../services/paths.ts';
import { printable } from './printable.ts';

/** Opens a library that must already exist: list, verify and remove never create one by mistake. */
export function openExistingLibrary(flag: string | boolean | undefined): LibraryStore {
  const dir = chooseLibraryDir(typeof flag === 'string' ? flag : undefined);
  if (!existsSync(join(dir, 'library.sqlite'))) throw new Error(`no library at ${printable(dir)} (it has no library.sqlite)`);
  return new LibraryStore(dir);
}
