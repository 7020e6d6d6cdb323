import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dispatch, type Handlers } from '../../core/contract.ts';
import { START_WINDOW, startAnswersBlock, type StartAnswers } from '../../core/start-answers.ts';

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
export async function indexPageWithStartAnswers(indexPath: string, handlers: Handlers): Promise<string> {
  const html = readFileSync(indexPath, 'utf8');
  const at = html.lastIndexOf('</body>');
  if (at < 0) return html;
  return html.slice(0, at) + startAnswersBlock(await startAnswers(handlers)) + html.slice(at);
}

/**
 * Sends index.html with the start answers (core/start-answers.ts) before its
 * `</body>`. Everything before that goes out first, so the browser asks for
 * the script and the style sheet the head names while the host reads the
 * answers; the document ends once they are written (the module script runs
 * only after the whole document is parsed, so it always finds them).
 */
export async function sendIndexPage(res: ServerResponse, indexPath: string, handlers: Handlers): Promise<void> {
  const html = readFileSync(indexPath, 'utf8');
  const at = html.lastIndexOf('</body>');
  if (at < 0) return void res.end(html);
  res.write(html.slice(0, at));
  // One turn of the event loop: the first part leaves before the queries take the thread.
  await new Promise((done) => setImmediate(done));
  res.end(startAnswersBlock(await startAnswers(handlers)) + html.slice(at));
}
