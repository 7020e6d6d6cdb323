import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LibraryStore } from '../library/library-store.ts';
import { chooseLibraryDir } from '../services/paths.ts';
import { printable } from './printable.ts';

/** A path as one shell word, so the suggested command can be pasted as it is. */
function shellWord(path: string): string {
  return /^[\w./@%+,:=-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** Opens a library that must already exist: list, verify and remove never create one by mistake. */
export function openExistingLibrary(flag: string | boolean | undefined): LibraryStore {
  const dir = chooseLibraryDir(typeof flag === 'string' ? flag : undefined);
  if (!existsSync(join(dir, 'library.sqlite'))) {
    // A newcomer's first command is often list: say how a library comes to be, on the same line.
    const where = typeof flag === 'string' ? ` --library ${shellWord(printable(dir))}` : '';
    throw new Error(`no library at ${printable(dir)} (it has no library.sqlite); to make one, import into it: broadsheet import${where} FILE|FOLDER…`);
  }
  return new LibraryStore(dir);
}
