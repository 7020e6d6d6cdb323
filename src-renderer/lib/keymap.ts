/** What a key press means in the reader; null = leave it to the browser. */
export type KeyAction =
  | 'page-prev'
  | 'page-next'
  | 'block-next'
  | 'block-prev'
  | 'focus-search'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit-width'
  | 'clear'
  | 'annotate'
  | 'correct';

export interface KeyInfo {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The focused element takes typing (input, textarea, select, contenteditable). */
  typing: boolean;
}

export function keyAction(e: KeyInfo): KeyAction | null {
  if (e.key === 'Escape') return 'clear';
  if (e.typing || e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowLeft':
    case 'PageUp':
      return 'page-prev';
    case 'ArrowRight':
    case 'PageDown':
      return 'page-next';
    case 'j':
      return 'block-next';
    case 'k':
      return 'block-prev';
    case '/':
      return 'focus-search';
    case '+':
    case '=':
      return 'zoom-in';
    case '-':
      return 'zoom-out';
    case '0':
      return 'zoom-fit-width';
    case 'a':
      return 'annotate';
    case 'e':
      return 'correct';
    default:
      return null;
  }
}

/** Elements whose keys belong to the user's typing, not to shortcuts. */
export function isTypingTarget(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
  }
  return (el as HTMLElement).isContentEditable === true;
}
