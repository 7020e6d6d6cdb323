import { expect, it } from 'vitest';
import { isTypingTarget, keyAction } from './keymap.ts';

it('maps reader keys', () => {
  const k = (key: string) => keyAction({ key, typing: false });
  expect(['ArrowLeft', 'PageUp', 'ArrowRight', 'PageDown', 'j', 'k', '/', '+', '-', '0', 'Escape', 'x'].map(k)).toEqual([
    'page-prev', 'page-prev', 'page-next', 'page-next', 'block-next', 'block-prev', 'focus-search', 'zoom-in', 'zoom-out', 'zoom-fit-width', 'clear', null,
  ]);
});
it('does not steal keys while typing or from browser shortcuts, but Esc always clears', () => {
  expect(keyAction({ key: 'a', typing: false })).toBe('annotate');
  expect(keyAction({ key: 'e', typing: false })).toBe('correct');
  expect(keyAction({ key: 'a', typing: true })).toBeNull();
  expect(keyAction({ key: 'j', typing: true })).toBeNull();
  expect(keyAction({ key: '/', typing: true })).toBeNull();
  expect(keyAction({ key: '+', ctrlKey: true, typing: false })).toBeNull();
  expect(keyAction({ key: 'ArrowLeft', altKey: true, typing: false })).toBeNull();
  expect(keyAction({ key: 'Escape', typing: true })).toBe('clear');
});
it('treats text fields as typing targets but not buttons', () => {
  const el = (tagName: string, extra: object = {}) => ({ tagName, ...extra }) as unknown as Element;
  expect(isTypingTarget(el('INPUT', { type: 'search' }))).toBe(true);
  expect(isTypingTarget(el('INPUT', { type: 'checkbox' }))).toBe(false);
  expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
  expect(isTypingTarget(el('DIV', { isContentEditable: true }))).toBe(true);
  expect(isTypingTarget(el('BUTTON'))).toBe(false);
  expect(isTypingTarget(null)).toBe(false);
});
