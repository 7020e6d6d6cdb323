import { FIRST_SCREEN_ID, firstScreenProblem } from '../../core/first-screen.ts';
import { archive } from './archive.ts';
import { firstScreenKey } from './start-requests.ts';

/**
 * The renderer's half of the kept first screen (core/first-screen.ts).
 *
 * When the page came with one, it lies over the app from the first frame,
 * and what the archivist does on it is taken from then on: clicks and keys are
 * noted (public/first-screen-input.js, a small script that runs before the
 * app's bundle has even been parsed), typing goes into its own fields. Once the
 * app's own first rows are in the page, in the frame before they are painted,
 * the kept screen is taken away, its fields' values and focus are handed to
 * the app's fields at the same place, and the clicks and keys are replayed
 * there. The kept screen is the app's own markup for the same list, so every
 * place in it is the same place in the app.
 *
 * When the page came without one (first start, another list, another build),
 * the app's first screen is taken in that same frame and sent to the host to
 * be kept for the next start.
 */

const kept = document.getElementById(FIRST_SCREEN_ID);
if (kept) performance.mark('broadsheet:first-screen-kept');

/** What public/first-screen-input.js noted on the kept screen, in order. */
type Taken = { kind: 'click'; path: number[] } | { kind: 'key'; init: KeyboardEventInit };
/** What public/first-screen-input.js leaves on the window: its notes, its paths (the same for the focus), its end. */
interface EarlyInput {
  taken: Taken[];
  pathOf(el: Element, root: Element): number[] | null;
  stop(): void;
}
const FIELDS = 'input, select, textarea';

function atPath(root: Element, path: number[]): Element | null {
  let at: Element | undefined = root;
  for (const i of path) at = at?.children[i];
  return at ?? null;
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const isToggle = (f: Field): f is HTMLInputElement => f instanceof HTMLInputElement && (f.type === 'checkbox' || f.type === 'radio');

/**
 * Waits for the app's first rows, then, in the frame before they are painted,
 * hands the kept screen over to the app or keeps the app's for the next start.
 * `firstScreenful` is the library loader's; whatever happens, the kept screen
 * is gone within a few seconds.
 */
export async function handOverFirstScreen(root: HTMLElement, firstScreenful: Promise<void>): Promise<void> {
  if (!kept && !firstScreenKey) return;
  await Promise.race([firstScreenful, new Promise((done) => setTimeout(done, 5000))]);
  const rows = await frameWithRows(root);
  // Kept for a window of another size, it was not shown (its media query): this size's is kept in its place.
  const shown = kept !== null && getComputedStyle(kept).display !== 'none';
  if (kept) handOver(kept, root);
  if (!shown && rows && firstScreenKey) keep(root, firstScreenKey);
}

/** Resolves in the animation frame (before its paint) in which the app's first rows are in the page; false after ~30 frames without. */
function frameWithRows(root: HTMLElement): Promise<boolean> {
  return new Promise((done) => {
    let frames = 0;
    const look = () => {
      if (root.querySelector('[elementtiming="library-row"]')) done(true);
      else if (++frames > 30) done(false);
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

function handOver(from: HTMLElement, root: HTMLElement): void {
  const early = (window as { broadsheetFirstScreen?: EarlyInput }).broadsheetFirstScreen;
  early?.stop();
  const focused = early && from.contains(document.activeElement) ? early.pathOf(document.activeElement!, from) : null;
  const theirs = [...from.querySelectorAll<Field>(FIELDS)];
  const ours = [...root.querySelectorAll<Field>(FIELDS)];
  // The block's <style> (its media query) goes with it.
  if (from.previousElementSibling?.tagName === 'STYLE') from.previousElementSibling.remove();
  from.remove();
  // The same markup, so the same fields in the same order; a field the archivist changed there is changed here.
  theirs.forEach((f, i) => {
    const mine = ours[i];
    if (!mine || mine.tagName !== f.tagName) return;
    if (isToggle(f) && isToggle(mine)) {
      if (f.checked === mine.checked) return;
      mine.checked = f.checked;
    } else if (f.value !== mine.value) mine.value = f.value;
    else return;
    mine.dispatchEvent(new Event('input', { bubbles: true }));
    mine.dispatchEvent(new Event('change', { bubbles: true }));
  });
  if (focused) {
    const el = atPath(root, focused) as HTMLElement | null;
    const was = focused && (atPath(from, focused) as HTMLElement | null);
    el?.focus();
    if (el instanceof HTMLInputElement && was instanceof HTMLInputElement && was.selectionStart !== null) {
      try {
        el.setSelectionRange(was.selectionStart, was.selectionEnd);
      } catch {
        // Not a text field: no caret to hand over.
      }
    }
  }
  for (const t of early?.taken.splice(0) ?? []) {
    if (t.kind === 'click') (atPath(root, t.path) as HTMLElement | null)?.click();
    else replayKey(t.init);
  }
}

/**
 * A key pressed on the kept screen outside its fields, given to the app as it would have been: a keydown where the
 * focus is now, and, where that lands in a text field and nothing took it, the character typed there ("/" focuses
 * Search, then "Washington" is typed into it). A synthetic keydown types nothing by itself.
 */
function replayKey(init: KeyboardEventInit): void {
  const at = document.activeElement ?? document.body;
  const unhandled = at.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }));
  const printable = init.key?.length === 1 && !init.ctrlKey && !init.metaKey && !init.altKey;
  const field = document.activeElement;
  if (!unhandled || !printable || field !== at || !(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
  try {
    field.setRangeText(init.key!, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, 'end');
  } catch {
    return; // A field without a caret (a number, a date picker): nothing to type into.
  }
  field.dispatchEvent(new InputEvent('input', { bubbles: true, data: init.key, inputType: 'insertText' }));
}

/** The app's first screen as markup to keep: no images (their blob: URLs die with the page), fields as they show. */
function keep(root: HTMLElement, key: string): void {
  const copy = root.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('img').forEach((img) => img.remove());
  // A field's value and choice are properties the markup does not hold: written as attributes, they show as they do now.
  const ours = [...root.querySelectorAll<Field>(FIELDS)];
  copy.querySelectorAll<Field>(FIELDS).forEach((f, i) => {
    const mine = ours[i]!;
    if (f instanceof HTMLSelectElement && mine instanceof HTMLSelectElement) {
      [...f.options].forEach((o, j) => o.toggleAttribute('selected', j === mine.selectedIndex));
    } else if (isToggle(f) && isToggle(mine)) f.toggleAttribute('checked', mine.checked);
    else if (f instanceof HTMLTextAreaElement) f.textContent = mine.value;
    else if (f instanceof HTMLInputElement && f.type !== 'file') f.setAttribute('value', mine.value);
  });
  // Hidden from assistive technology, the kept screen takes no keyboard focus either: clicks still reach its fields.
  copy.querySelectorAll('button, input, select, textarea, [tabindex]').forEach((el) => el.setAttribute('tabindex', '-1'));
  const html = copy.innerHTML;
  if (firstScreenProblem(html) !== null) return;
  const { innerWidth: width, innerHeight: height } = window;
  // After the paint: the request is the host's work, not this frame's.
  setTimeout(() => void archive.call('app.keepFirstScreen', { key, html, width, height }).catch(() => {}), 0);
}
