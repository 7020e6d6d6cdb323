import type { Reply } from './contract.ts';
import { FIRST_SCREEN_KEY_ATTRIBUTE } from './first-screen.ts';

/**
 * The answers the library's first screen waits on, written by the browser
 * host into the index.html it serves: the settings and the first window of
 * the list (`library.columns` with `limit: START_WINDOW`, in the archivist's
 * own order, which the host knows). The page then holds them when its script
 * starts, instead of asking over two more HTTP round trips after the script
 * has arrived and been evaluated (under load each took 30–70 ms of waiting
 * on the browser's network stack, for 2–8 ms of the host's work).
 *
 * They sit in a JSON data block (`<script type="application/json">`, never
 * run, so the CSP's no-inline-script rule stands), each exactly the Reply the
 * same request would get, produced by the same `dispatch`. The block also
 * names the key the page's first screen is kept under (core/first-screen.ts).
 */

/** The id of the data block in index.html. */
export const START_ANSWERS_ID = 'broadsheet-start';

/**
 * The data block's attribute holding the number of the last event the host
 * had sent when it read the answers: the page's event socket asks for every
 * event after it, so none sent while the page loads is lost.
 */
export const START_EVENTS_ATTRIBUTE = 'data-events';

/** Rows in the first window: more than a tall window shows (78 px a row). */
export const START_WINDOW = 40;

export interface StartAnswers {
  settings: Reply<'settings.get'>;
  columns: Reply<'library.columns'>;
}

/**
 * The answers as a data block's text. Every `<` is escaped (`\u003c`) so no
 * text in the library (a title reading `</script>`) can end the block or open
 * markup; U+2028/2029 are escaped too, for any reader that treats them as line ends.
 */
export function startAnswersBlock(answers: StartAnswers, eventSeq: number, firstScreenKey?: string): string {
  const key = firstScreenKey && /^[0-9a-f]{64}$/.test(firstScreenKey) ? ` ${FIRST_SCREEN_KEY_ATTRIBUTE}="${firstScreenKey}"` : '';
  return `<script type="application/json" id="${START_ANSWERS_ID}" ${START_EVENTS_ATTRIBUTE}="${Math.trunc(eventSeq)}"${key}>${escapeJson(answers)}</script>`;
}

function escapeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The id of the data block a page carries instead of the start answers while the library opens (a backup and an update
 * first: ~40 s at 10,000 scans): the renderer shows how far it is, and the app once `library.opened` says
 * the library is open. The block's START_EVENTS_ATTRIBUTE numbers the last event sent, as for the answers.
 */
export const OPENING_ID = 'broadsheet-opening';

/**
 * What the page is told while the library opens: the backup's last progress (null before it, total 0 once done), and,
 * once it could not be opened, why (a page served after that shows it: its `library.opened` event went before it).
 */
export interface OpeningState {
  backup: { done: number; total: number } | null;
  error?: string;
}

/** The opening data block's text (escaped as startAnswersBlock's). */
export function openingBlock(state: OpeningState, eventSeq: number): string {
  return `<script type="application/json" id="${OPENING_ID}" ${START_EVENTS_ATTRIBUTE}="${Math.trunc(eventSeq)}">${escapeJson(state)}</script>`;
}
