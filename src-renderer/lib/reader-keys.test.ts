import { expect, it } from 'vitest';
import { handleReaderKey, type ReaderKeyHandlers } from './reader-keys.ts';

function press(key: string, focused: Partial<Element & { value: string; type: string }> | null = null, mods: { ctrlKey?: boolean; shiftKey?: boolean; altKey?: boolean } = {}) {
  const calls: string[] = [];
  const on: ReaderKeyHandlers = {
    findInDocument: () => calls.push('find'),
    stepHit: (d) => calls.push(`hit ${d}`),
    page: (d) => calls.push(`page ${d}`),
    block: (d) => calls.push(`block ${d}`),
    focusSearch: () => calls.push('search'),
    zoom: (how) => calls.push(`zoom ${how}`),
    annotate: () => calls.push('annotate'),
    correct: () => calls.push('correct'),
    clear: () => calls.push('clear'),
  };
  let prevented = false;
  const el = focused && ({ getAttribute: () => null, isContentEditable: false, ...focused } as unknown as Element);
  handleReaderKey({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods, preventDefault: () => void (prevented = true) }, el, on);
  return { calls, prevented };
}

it('maps the reader keys to their handlers and keeps them from the browser', () => {
  expect(press('ArrowRight')).toEqual({ calls: ['page 1'], prevented: true });
  expect(press('PageUp').calls).toEqual(['page -1']);
  expect(press('j').calls).toEqual(['block 1']);
  expect(press('k').calls).toEqual(['block -1']);
  expect(press('/').calls).toEqual(['search']);
  expect(press('+').calls).toEqual(['zoom in']);
  expect(press('-').calls).toEqual(['zoom out']);
  expect(press('0').calls).toEqual(['zoom fit-width']);
  expect(press('a').calls).toEqual(['annotate']);
  expect(press('e').calls).toEqual(['correct']);
  expect(press('Escape').calls).toEqual(['clear']);
  expect(press('x')).toEqual({ calls: [], prevented: false });
});

it('gives Ctrl+F and F3 to search even while typing', () => {
  const input = { tagName: 'INPUT', type: 'search', value: 'x' };
  expect(press('f', input, { ctrlKey: true })).toEqual({ calls: ['find'], prevented: true });
  expect(press('F3', input, { shiftKey: true }).calls).toEqual(['hit -1']);
  expect(press('F3').calls).toEqual(['hit 1']);
});

it('leaves letters to a field being typed in, and Esc to a field holding text', () => {
  const input = { tagName: 'INPUT', type: 'text', value: 'Wash' };
  expect(press('j', input)).toEqual({ calls: [], prevented: false });
  expect(press('Escape', input)).toEqual({ calls: [], prevented: false });
  expect(press('Escape', { ...input, value: '' }).calls).toEqual(['clear']);
  // A checkbox does not take typing.
  expect(press('j', { tagName: 'INPUT', type: 'checkbox', value: 'on' }).calls).toEqual(['block 1']);
});

it('leaves every key to an open dialog, so Esc closes it', () => {
  const inDialog = { tagName: 'BUTTON', closest: (sel: string) => (sel === 'dialog[open]' ? {} : null) };
  expect(press('Escape', inDialog)).toEqual({ calls: [], prevented: false });
  expect(press('j', inDialog)).toEqual({ calls: [], prevented: false });
  expect(press('Escape', { tagName: 'BUTTON', closest: () => null }).calls).toEqual(['clear']);
});

it('leaves arrow keys to a splitter or slider that has focus, but not PageDown', () => {
  const splitter = { tagName: 'DIV', getAttribute: (n: string) => (n === 'role' ? 'separator' : null) };
  expect(press('ArrowLeft', splitter)).toEqual({ calls: [], prevented: false });
  expect(press('PageDown', splitter).calls).toEqual(['page 1']);
});

it('leaves Escape to an open modal dialog even when the focus fell to <body>', () => {
  const calls: string[] = [];
  let prevented = false;
  const on = { clear: () => calls.push('clear') } as unknown as ReaderKeyHandlers;
  const body = { tagName: 'BODY', getAttribute: () => null, closest: () => null } as unknown as Element;
  handleReaderKey({ key: 'Escape', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, preventDefault: () => void (prevented = true) }, body, on, true);
  expect({ calls, prevented }).toEqual({ calls: [], prevented: false });
});
