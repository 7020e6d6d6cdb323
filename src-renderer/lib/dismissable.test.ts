import { expect, it } from 'vitest';
import { onDismiss, type DismissedBy } from './dismissable.ts';

// The window's own keys (they dismiss the import alert) come after: on a bare EventTarget every listener is at the
// target, so this checks the stop; that the capture phase puts the popover first in a page is e2e/topbar-status.spec.ts's.
function setup() {
  const win = new EventTarget();
  const inside = new EventTarget();
  const calls: DismissedBy[] = [];
  const windowKeys: string[] = [];
  const node = { contains: (n: unknown) => n === inside } as unknown as Element;
  const stop = onDismiss(node, (how) => calls.push(how), win);
  win.addEventListener('keydown', (e) => windowKeys.push((e as Event & { key: string }).key));
  const key = (k: string) => {
    const e = Object.assign(new Event('keydown', { cancelable: true }), { key: k });
    win.dispatchEvent(e);
    return e;
  };
  const press = (target: EventTarget) => {
    const e = new Event('pointerdown');
    Object.defineProperty(e, 'target', { value: target });
    win.dispatchEvent(e);
  };
  return { win, inside, calls, windowKeys, stop, key, press };
}

it('Escape closes the topmost thing only: the window’s own Escape (the import alert) does not hear it', () => {
  const t = setup();
  const e = t.key('Escape');
  expect(t.calls).toEqual(['escape']);
  expect(t.windowKeys).toEqual([]);
  expect(e.defaultPrevented).toBe(true);
  // Other keys pass on.
  t.key('j');
  expect(t.calls).toEqual(['escape']);
  expect(t.windowKeys).toEqual(['j']);
});

it('a press outside closes it, one inside does not', () => {
  const t = setup();
  t.press(t.inside);
  expect(t.calls).toEqual([]);
  t.press(new EventTarget());
  expect(t.calls).toEqual(['outside']);
});

it('once stopped, it hears nothing and Escape is the window’s again', () => {
  const t = setup();
  t.stop();
  t.key('Escape');
  t.press(new EventTarget());
  expect(t.calls).toEqual([]);
  expect(t.windowKeys).toEqual(['Escape']);
});
