import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstScreenProblem, MAX_FIRST_SCREEN_BYTES, type KeptFirstScreen } from '../../core/first-screen.ts';
import type { StartAnswers } from '../../core/start-answers.ts';

/**
 * Where the library keeps its first screen (core/first-screen.ts): a cache
 * beside library.sqlite, not in it, so keeping it moves no content counter (the
 * library watch would take it for a change) and losing it loses nothing.
 */
export const FIRST_SCREEN_FILE = 'first-screen.json';

/**
 * The key a first screen is kept under: this build's page (its script and
 * style sheet are named by their hashes) and the first window of the list,
 * in its order, exactly as the page's start answers hold it.
 */
export function firstScreenKey(indexHtml: string, answers: StartAnswers): string {
  return createHash('sha256').update(indexHtml).update('\0').update(JSON.stringify(answers.columns)).digest('hex');
}

/** Keeps it, replacing the one before whole (written beside, then renamed over). */
export function keepFirstScreen(libraryDir: string, kept: KeptFirstScreen): void {
  const path = join(libraryDir, FIRST_SCREEN_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(kept));
  renameSync(tmp, path);
}

/**
 * The kept screen if it was kept under `key`, else null: none kept, another
 * key, or a file that is not one (hand-edited, cut short: checked as the
 * request was, since it goes into the page as it is).
 */
export function keptFirstScreen(libraryDir: string, key: string): KeptFirstScreen | null {
  let text: string;
  try {
    text = readFileSync(join(libraryDir, FIRST_SCREEN_FILE), 'utf8');
  } catch {
    return null;
  }
  if (text.length > MAX_FIRST_SCREEN_BYTES * 2) return null;
  try {
    const kept = JSON.parse(text) as Partial<KeptFirstScreen>;
    if (kept.key !== key || typeof kept.html !== 'string' || firstScreenProblem(kept.html) !== null) return null;
    if (!Number.isInteger(kept.width) || !Number.isInteger(kept.height)) return null;
    return { key, html: kept.html, width: kept.width!, height: kept.height! };
  } catch {
    return null;
  }
}
