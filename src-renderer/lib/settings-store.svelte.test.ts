import { afterEach, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { defaultSettings, type Settings, type SettingsPatch } from '../../core/settings.ts';
import { SettingsStore } from './settings-store.svelte.ts';

afterEach(() => void vi.useRealTimers());

function store(stored: Partial<Settings> = {}, opts: { failRead?: boolean } = {}) {
  const writes: SettingsPatch[] = [];
  const errors: string[] = [];
  const s = new SettingsStore({
    read: async () => {
      if (opts.failRead) throw new Error('settings.json: not readable');
      return { ...structuredClone(defaultSettings), ...stored };
    },
    write: async (p) => void writes.push(p),
    fail: (e) => errors.push((e as Error).message),
    delayMs: 100,
  });
  return { s, writes, errors };
}

it('starts from the defaults and loads the stored settings', async () => {
  const { s } = store({ zoom: 1.5, lastPage: 4 });
  expect(s.value).toEqual(defaultSettings);
  await s.load();
  expect(s.value.zoom).toBe(1.5);
  expect(s.value.lastPage).toBe(4);
});

it('keeps the defaults and reports a settings file it cannot read', async () => {
  const { s, errors } = store({}, { failRead: true });
  await s.load();
  expect(s.value).toEqual(defaultSettings);
  expect(errors).toEqual(['settings.json: not readable']);
});

it('applies a patch at once and writes only the changed keys, coalesced, after the quiet period', async () => {
  vi.useFakeTimers();
  const { s, writes } = store({ lastDocument: 'a'.repeat(64) });
  await s.load();
  s.set({ zoom: 2 });
  s.set({ zoom: 3 });
  expect(s.value.zoom).toBe(3);
  expect(s.value.lastDocument).toBe('a'.repeat(64));
  expect(writes).toEqual([]);
  await vi.advanceTimersByTimeAsync(100);
  expect(writes).toEqual([{ zoom: 3 }]);
});

it('is reactive: a view reading a setting follows set()', () => {
  const { s } = store();
  const seen: boolean[] = [];
  const stop = $effect.root(() => {
    $effect(() => void seen.push(s.value.panels.raw));
  });
  flushSync();
  s.set({ panels: { ...s.value.panels, raw: false } });
  flushSync();
  expect(seen).toEqual([true, false]);
  stop();
});

it('flush() writes what is pending without waiting', async () => {
  vi.useFakeTimers();
  const { s, writes } = store();
  s.set({ pageFraction: 0.6 });
  await s.flush();
  expect(writes).toEqual([{ pageFraction: 0.6 }]);
});
