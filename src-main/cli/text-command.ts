import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationService } from '../library/annotation-service.ts';
import { LibraryStore } from '../library/library-store.ts';
import { parseArgs } from './args.ts';
import type { Io } from './annotations-command.ts';

/**
 * `broadsheet text` and `broadsheet article`: what the archivist made of a
 * document or an article, as plain files. Text: the cleaned layer or the
 * corrected one (pages separated by a form feed). Article: Markdown or plain
 * text with its notes.
 */
function open(dir: string): LibraryStore {
  if (!existsSync(join(dir, 'library.sqlite'))) throw new Error(`${dir}: not a Broadsheet library (no library.sqlite)`);
  return new LibraryStore(dir);
}

export function textCommand(argv: string[], chooseLibrary: (flag: string | undefined) => string, io: Io): number {
  const args = parseArgs(argv, ['library', 'layer'], []);
  if (args.positional.length !== 1 || !/^[a-f0-9]{64}$/.test(args.positional[0])) throw new Error('text takes one document id (64 hex digits)');
  const layer = args.flags.get('layer') ?? 'corrected';
  if (layer !== 'cleaned' && layer !== 'corrected') throw new Error(`--layer must be cleaned or corrected (got "${String(layer)}")`);
  const store = open(chooseLibrary(args.flags.get('library') as string | undefined));
  try {
    io.out(new AnnotationService(store).documentText(args.positional[0], layer).text);
    return 0;
  } finally {
    store.close();
  }
}

export function articleCommand(argv: string[], chooseLibrary: (flag: string | undefined) => string, io: Io): number {
  const args = parseArgs(argv, ['library', 'format'], ['list']);
  const store = open(chooseLibrary(args.flags.get('library') as string | undefined));
  try {
    const service = new AnnotationService(store);
    if (args.flags.has('list')) {
      for (const a of service.articles.list()) io.out(`${a.id}\t${a.parts.length}\t${a.title}\n`);
      return 0;
    }
    if (args.positional.length !== 1) throw new Error('article takes one article id (or --list)');
    const format = args.flags.get('format') ?? 'markdown';
    if (format !== 'markdown' && format !== 'text') throw new Error(`--format must be markdown or text (got "${String(format)}")`);
    io.out(service.exportArticle(args.positional[0], format).text);
    return 0;
  } finally {
    store.close();
  }
}
