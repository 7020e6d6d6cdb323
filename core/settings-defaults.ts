import type { Settings } from './settings.ts';

/**
 * The settings' defaults as plain data, apart from their zod schemas
 * (settings.ts): the renderer needs only these at start, and zod is a
 * seventh of its start-up script (bench:library's time to interactive).
 * settings.test.ts checks they are exactly what the schemas default to.
 */
export const defaultSettings: Settings = {
  lastDocument: null,
  lastPage: 1,
  zoom: 'fit-width',
  panels: { raw: true, cleaned: true, diff: false },
  pageFraction: 0.45,
  librarySort: 'date',
  author: '',
};
