import type { LibraryStore } from '../library/library-store.ts';
import { printable } from './printable.ts';
import { CommandFailure, UsageError } from './command.ts';

/** Fewer digits than git's default 7 abbreviate too little of a SHA-256 to stay unique in a large library. */
export const MIN_ID_PREFIX = 8;

/**
 * A document id as typed: the whole 64 hex digits, or (as git takes a commit) a prefix of at least 8 that only one
 * document's id starts with. A whole id is passed on as given, so a command can say it is not in the library its way.
 */
export function resolveDocumentId(store: LibraryStore, typed: string): string {
  const id = typed.toLowerCase();
  if (/^[a-f0-9]{64}$/.test(id)) return id;
  if (!new RegExp(`^[a-f0-9]{${MIN_ID_PREFIX},63}$`).test(id)) {
    throw new UsageError(`not a document id: ${printable(typed)} (expected 64 hex digits as broadsheet list prints them, or the first ${MIN_ID_PREFIX} or more)`);
  }
  const ids = store.documentIdsStartingWith(id, 3);
  if (ids.length === 0) throw new CommandFailure(`no document id starts with ${id} in ${printable(store.dir)} (see broadsheet list)`);
  if (ids.length > 1) {
    const shown = ids.slice(0, 2).map((d) => d.slice(0, id.length + 4) + '…');
    throw new CommandFailure(`${id} is ambiguous in ${printable(store.dir)}: ${ids.length > 2 ? 'several' : 'two'} document ids start with it (${shown.join(', ')}${ids.length > 2 ? ', …' : ''}); give more digits`);
  }
  return ids[0];
}

/**
 * An article id as typed: the whole id, or a prefix of at least 8 characters that only one article's id starts with,
 * as document ids are taken (a walk typed the first 8 of one `article --list` printed and got "no article").
 */
export function resolveArticleId(ids: readonly string[], typed: string): string {
  const id = typed.toLowerCase();
  if (ids.includes(id) || id.length < MIN_ID_PREFIX) return id;
  const matches = ids.filter((a) => a.startsWith(id));
  if (matches.length === 0) throw new CommandFailure(`no article id starts with ${printable(typed)} (see broadsheet article --list)`);
  if (matches.length > 1) throw new CommandFailure(`${printable(typed)} is ambiguous: ${matches.length} article ids start with it (${matches.slice(0, 2).map((a) => a.slice(0, id.length + 4) + '…').join(', ')}); give more characters`);
  return matches[0];
}
