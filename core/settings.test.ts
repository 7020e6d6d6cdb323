import { describe, expect, it } from 'vitest';
import { defaultSettings, loadSettings, settingsPatchSchema, settingsSchema } from './settings.ts';

describe('settings patches', () => {
  it('defaults, kept as plain data for the renderer, are exactly what the schemas default to', () => {
    expect(defaultSettings).toEqual(settingsSchema.parse({}));
  });

  it('parse to exactly the keys given, so saving one setting never resets the others', () => {
    expect(settingsPatchSchema.parse({ zoom: 2 })).toEqual({ zoom: 2 });
    expect(settingsPatchSchema.parse({})).toEqual({});
    expect(settingsPatchSchema.parse({ lastDocument: 'a'.repeat(64), lastPage: 3 })).toEqual({ lastDocument: 'a'.repeat(64), lastPage: 3 });
  });

  it('still validate each key and refuse unknown ones', () => {
    expect(settingsPatchSchema.safeParse({ zoom: 99 }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ lastPage: 0 }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('loadSettings keeps valid stored keys and defaults the rest', () => {
    expect(loadSettings({ zoom: 2, lastPage: 'x' })).toEqual({ ...defaultSettings, zoom: 2 });
  });
});
