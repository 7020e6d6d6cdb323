import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationService } from '../library/annotation-service.ts';
import { LibraryStore } from '../library/library-store.ts';
import type { Io } from './annotations-command.ts';
import { LIBRARY_OPTION_HELP, UsageError, type Command, type ParsedCommandArgs } from './command.ts';
import { chooseLibraryDir } from '../services/paths.ts';
import { resolveArticleId, resolveDocumentId } from './document-id.ts';

type Values = ParsedCommandArgs['values'];
const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

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

export const textCommandSpec: Command = {
  name: 'text',
  summary: 'a document’s text (corrected by default, or cleaned), pages separated by form feeds',
  usage: 'text [--library DIR] [--layer cleaned|corrected] DOC_ID',
  optionHelp: [LIBRARY_OPTION_HELP, '--layer L       corrected (default: the archivist’s corrections applied) or cleaned'],
  options: { library: { type: 'string' }, layer: { type: 'string' } },
  async run({ values, positionals }, io) {
    return textCommand(positionals, values, io);
  },
};

export const articleCommandSpec: Command = {
  name: 'article',
  summary: 'an article with its notes, as Markdown or plain text; --list lists the articles',
  usage: 'article [--library DIR] [--format markdown|text] ARTICLE_ID | --list',
  optionHelp: [LIBRARY_OPTION_HELP, '--format F      markdown (default) or text', '--list          one article a line: id, parts, title'],
  options: { library: { type: 'string' }, format: { type: 'string' }, list: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    return articleCommand(positionals, values, io);
  },
};

export function textCommand(positionals: string[], values: Values, io: Io): number {
  const args = { positional: positionals, flags: { get: (k: string) => str(values[k]), has: (k: string) => values[k] === true } };
  if (args.positional.length !== 1) throw new UsageError('text takes one document id (64 hex digits, or the first 8 or more)');
  const layer = args.flags.get('layer') ?? 'corrected';
  if (layer !== 'cleaned' && layer !== 'corrected') throw new Error(`--layer must be cleaned or corrected (got "${String(layer)}")`);
  const store = open(chooseLibraryDir(args.flags.get('library')));
  try {
    io.out(new AnnotationService(store).documentText(resolveDocumentId(store, args.positional[0]), layer).text);
    return 0;
  } finally {
    store.close();
  }
}

export function articleCommand(positionals: string[], values: Values, io: Io): number {
  const args = { positional: positionals, flags: { get: (k: string) => str(values[k]), has: (k: string) => values[k] === true } };
  const store = open(chooseLibraryDir(args.flags.get('library')));
  try {
    const service = new AnnotationService(store);
    if (args.flags.has('list')) {
      const articles = service.articles.list();
      for (const a of articles) io.out(`${a.id}\t${a.parts.length}\t${a.title}\n`);
      // On stderr: stdout stays one article a line for scripts.
      if (!articles.length) io.err('no articles in this library yet (group blocks into one with Articles… in the app)\n');
      return 0;
    }
    if (args.positional.length !== 1) throw new UsageError('article takes one article id (or --list)');
    const format = args.flags.get('format') ?? 'markdown';
    if (format !== 'markdown' && format !== 'text') throw new Error(`--format must be markdown or text (got "${String(format)}")`);
    io.out(service.exportArticle(resolveArticleId(service.articles.list().map((a) => a.id), args.positional[0]), format).text);
    return 0;
  } finally {
    store.close();
  }
}
