import { isTypingTarget, keyAction } from './keymap.ts';

/**
 * The window's key handling, outside the component so it can be tested:
 * Ctrl+F and F3 belong to search and work while typing; the rest go through
 * the keymap (core keys, none while typing but Esc).
 */
export interface ReaderKeyHandlers {
  /** Ctrl+F: search the open document only. */
  findInDocument: () => void;
  /** F3 / Shift+F3: next or previous hit. */
  stepHit: (dir: 1 | -1) => void;
  page: (dir: 1 | -1) => void;
  block: (dir: 1 | -1) => void;
  focusSearch: () => void;
  zoom: (how: 'in' | 'out' | 'fit-width') => void;
  annotate: () => void;
  correct: () => void;
  /** Esc: let go of whatever is chosen, shown or alerted. */
  clear: () => void;
}

export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'preventDefault'>;

export function handleReaderKey(e: KeyPress, focused: Element | null, on: ReaderKeyHandlers, modalOpen = false): void {
  // An open dialog owns the keyboard: Esc closes it (preventing it here kept every dialog open), letters are typing.
  // A modal one owns it even when the focus fell out of it to <body>: the page under it takes no keys, and Esc must
  // still reach the dialog or it could never be closed (it blocks every click).
  if (modalOpen || focused?.closest?.('dialog[open]')) return;
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
    e.preventDefault();
    on.findInDocument();
    return;
  }
  if (e.key === 'F3') {
    e.preventDefault();
    on.stepHit(e.shiftKey ? -1 : 1);
    return;
  }
  const typing = isTypingTarget(focused);
  const action = keyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, typing });
  if (!action) return;
  // Arrow keys inside a control that uses them (select, slider, separator) stay with that control.
  const role = focused?.getAttribute('role');
  if ((action === 'page-prev' || action === 'page-next') && e.key.startsWith('Arrow') && (role === 'separator' || role === 'slider')) return;
  switch (action) {
    case 'page-prev':
      on.page(-1);
      break;
    case 'page-next':
      on.page(1);
      break;
    case 'block-next':
      on.block(1);
      break;
    case 'block-prev':
      on.block(-1);
      break;
    case 'focus-search':
      on.focusSearch();
      break;
    case 'zoom-in':
      on.zoom('in');
      break;
    case 'zoom-out':
      on.zoom('out');
      break;
    case 'zoom-fit-width':
      on.zoom('fit-width');
      break;
    case 'annotate':
      on.annotate();
      break;
    case 'correct':
      on.correct();
      break;
    case 'clear':
      // Esc in a field that holds text belongs to the field.
      if (typing && (focused as HTMLInputElement).value) return;
      on.clear();
      break;
  }
  e.preventDefault();
}
