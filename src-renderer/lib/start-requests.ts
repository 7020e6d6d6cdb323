import type { LibraryColumns } from '../../core/library-columns.ts';
import type { Settings } from '../../core/settings.ts';
import { FIRST_SCREEN_KEY_ATTRIBUTE } from '../../core/first-screen.ts';
import { OPENING_ID, START_ANSWERS_ID, START_WINDOW, type StartAnswers } from '../../core/start-answers.ts';
import { archive, replyResult } from './archive.ts';
import { benchSwitch } from './bench-switches.ts';

/**
 * The two answers start-up waits on before the library's first rows: the
 * settings and the first screenful of the list (`library.columns` with a
 * `limit`, in the archivist's own order, which the host knows). main.ts
 * imports this module before anything else, so both requests leave as soon as
 * the script starts to run, and the host answers them while the rest of the
 * app is being evaluated and mounted. The browser host writes both answers
 * into the page it serves (core/start-answers.ts): then nothing is asked at
 * all. Each is handed out once; later reads ask again.
 */

/** Rows in the first window: more than a tall window shows (78 px a row). */
export const FIRST_WINDOW = START_WINDOW;

let keptUnder: string | null = null;

/** The answers the host wrote into the page, or null (a page without them). */
function writtenAnswers(): StartAnswers | null {
  const block = document.getElementById(START_ANSWERS_ID);
  if (!block) return null;
  keptUnder = block.getAttribute(FIRST_SCREEN_KEY_ATTRIBUTE);
  block.remove();
  try {
    return JSON.parse(block.textContent ?? '') as StartAnswers;
  } catch {
    return null;
  }
}

/** `npm run bench:library` measures the old path (one library.list) in the same run (lib/bench-switches.ts). */
export function legacyLibraryLoad(): boolean {
  return benchSwitch('libraryLoad') === 'list';
}

const written = writtenAnswers();

/** The key this start's first screen is kept under (core/first-screen.ts), or null when the page names none. */
export const firstScreenKey: string | null = written ? keptUnder : null;
// A page served while the library was opening asks nothing: the host would refuse, and the page loads again once it is open.
const opening = !written && document.getElementById(OPENING_ID) !== null;
let settings: Promise<Settings> | null = opening ? null : written ? replyResult('settings.get', written.settings) : archive.call('settings.get', {});
let columns: Promise<LibraryColumns> | null =
  opening || legacyLibraryLoad()
    ? null
    : written
      ? replyResult('library.columns', written.columns)
      : archive.call('library.columns', { limit: FIRST_WINDOW });
// Whoever takes them handles their failure; until then an unhandled rejection is no news.
settings?.catch(() => {});
columns?.catch(() => {});

export function takeStartSettings(): Promise<Settings> {
  const s = settings ?? archive.call('settings.get', {});
  settings = null;
  return s;
}

/** The first window asked for at start, or null once taken (or on the old path). */
export function takeStartColumns(): Promise<LibraryColumns> | null {
  const c = columns;
  columns = null;
  return c;
}
