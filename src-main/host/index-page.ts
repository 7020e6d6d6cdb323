import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dispatch, type Handlers } from '../../core/contract.ts';
import { openingBlock, START_WINDOW, startAnswersBlock, type StartAnswers } from '../../core/start-answers.ts';
import type { EventBus } from '../services/event-bus.ts';
import { firstScreenKey, keptFirstScreen } from '../services/first-screen-store.ts';
import { firstScreenBlock } from '../../core/first-screen.ts';
import type { OpeningLibrary } from '../services/library-opening.ts';

/** What the page's answers are read from: the handlers, and the events' count the page's socket asks from. */
export interface StartSources {
  handlers: Handlers;
  events: Pick<EventBus, 'seq'>;
  /** The library, whose folder keeps its first screen (services/first-screen-store.ts); without it none is kept. */
  store?: { readonly dir: string };
}

/** The paths that name the app's page. */
export const isIndexPath = (rawPath: string): boolean => rawPath === '/' || rawPath === '/index.html';

/** The settings and the first window of the list, exactly as the two requests would get them. */
export async function startAnswers(handlers: Handlers): Promise<StartAnswers> {
  const settings = (await dispatch(handlers, 'settings.get', {})) as StartAnswers['settings'];
  const columns = (await dispatch(handlers, 'library.columns', { limit: START_WINDOW })) as StartAnswers['columns'];
  return { settings, columns };
}

/**
 * index.html with the start answers before its `</body>`, whole: the Electron
 * app's protocol handler answers with one body (the browser host streams it,
 * below).
 */
export async function indexPageWithStartAnswers(indexPath: string, sources: StartSources): Promise<string> {
  const html = readFileSync(indexPath, 'utf8');
  const at = html.lastIndexOf('</body>');
  if (at < 0) return html;
  return html.slice(0, at) + (await startAnswersWithSeq(html, sources)) + html.slice(at);
}

/**
 * Sends index.html with the start answers (core/start-answers.ts) before its
 * `</body>`. Everything before that goes out first, so the browser asks for
 * the script and the style sheet the head names while the host reads the
 * answers; the document ends once they are written (the module script runs
 * only after the whole document is parsed, so it always finds them).
 */
export async function sendIndexPage(res: ServerResponse, indexPath: string, sources: StartSources): Promise<void> {
  const html = readFileSync(indexPath, 'utf8');
  const at = html.lastIndexOf('</body>');
  if (at < 0) return void res.end(html);
  res.write(html.slice(0, at));
  // One turn of the event loop: the first part leaves before the queries take the thread.
  await new Promise((done) => setImmediate(done));
  res.end((await startAnswersWithSeq(html, sources)) + html.slice(at));
}

/**
 * The data block, numbered with the last event sent before the answers were read (whatever follows may not be in
 * them), and after it the first screen kept for these answers, if one was (core/first-screen.ts).
 */
async function startAnswersWithSeq(indexHtml: string, { handlers, events, store }: StartSources): Promise<string> {
  const seq = events.seq;
  const answers = await startAnswers(handlers);
  if (!store) return startAnswersBlock(answers, seq);
  const key = firstScreenKey(indexHtml, answers);
  const kept = keptFirstScreen(store.dir, key);
  return startAnswersBlock(answers, seq, key) + (kept ? firstScreenBlock(kept) : '');
}

/**
 * index.html while the library opens: how far that is before its `</body>` instead of the start answers (none can be
 * read yet), numbered with the last event sent, so the page's socket hears every one after it (`library.opened` too).
 */
export function openingPage(indexPath: string, opening: Pick<OpeningLibrary, 'events' | 'state'>): string {
  const html = readFileSync(indexPath, 'utf8');
  const at = html.lastIndexOf('</body>');
  const block = openingBlock(opening.state(), opening.events.seq);
  return at < 0 ? html + block : html.slice(0, at) + block + html.slice(at);
}
