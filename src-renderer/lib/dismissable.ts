/**
 * Closing what floats on top (a popover, a disclosure's panel) the way
 * people expect: Escape closes it and nothing under it, a press anywhere
 * outside it closes it. Both listen on the window in the capture phase, so
 * the topmost thing hears Escape before the window's own keys (which dismiss
 * alerts and let go of the chosen block) and stops it there.
 * Returns the function that stops listening.
 */
export type DismissedBy = 'escape' | 'outside';

export function onDismiss(inside: Element, close: (how: DismissedBy) => void, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  const key = (e: Event) => {
    const k = e as KeyboardEvent;
    if (k.key !== 'Escape' || k.defaultPrevented) return;
    k.preventDefault();
    k.stopImmediatePropagation();
    close('escape');
  };
  const press = (e: Event) => {
    const node = e.target as Node | null;
    if (node && inside.contains(node)) return;
    close('outside');
  };
  target.addEventListener('keydown', key, { capture: true });
  target.addEventListener('pointerdown', press, { capture: true });
  return () => {
    target.removeEventListener('keydown', key, { capture: true });
    target.removeEventListener('pointerdown', press, { capture: true });
  };
}
