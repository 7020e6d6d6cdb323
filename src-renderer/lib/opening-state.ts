import { OPENING_ID, type OpeningState } from '../../core/start-answers.ts';

/**
 * What the host wrote into a page it served while the library was still opening (core/start-answers.ts), or null: the
 * page then shows how far the opening is instead of the app (LibraryOpening.svelte).
 */
export function openingState(doc: Pick<Document, 'getElementById'> = document): OpeningState | null {
  const block = doc.getElementById(OPENING_ID);
  if (!block) return null;
  try {
    const state = JSON.parse(block.textContent ?? '') as Partial<OpeningState> | null;
    const backup = state?.backup;
    const error = state?.error;
    return {
      backup: backup && Number.isFinite(backup.done) && Number.isFinite(backup.total) ? { done: backup.done, total: backup.total } : null,
      ...(typeof error === 'string' ? { error } : {}),
    };
  } catch {
    // Still a page of a library that is opening: it shows that, without a share.
    return { backup: null };
  }
}
