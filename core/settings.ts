import { z } from 'zod';
import { DOCUMENT_ID_RE, LIBRARY_SORTS } from './library-model.ts';
import { defaultSettings } from './settings-defaults.ts';

/**
 * The one registry of user settings. Every setting has a schema and a typed
 * default; stored values that no longer parse fall back to the default, so an
 * old or hand-edited settings file can never break start-up.
 */
export const settingsSchema = z.object({
  lastDocument: z.string().regex(DOCUMENT_ID_RE).nullable().default(null),
  lastPage: z.number().int().min(1).default(1),
  zoom: z.union([z.enum(['fit-width', 'fit-page']), z.number().min(0.1).max(8)]).default('fit-width'),
  /** Which text panels are open beside the page. */
  panels: z
    .object({ raw: z.boolean().default(true), cleaned: z.boolean().default(true), diff: z.boolean().default(false) })
    .default({ raw: true, cleaned: true, diff: false }),
  /** Width of the page pane as a fraction of the document view. */
  pageFraction: z.number().min(0.2).max(0.8).default(0.45),
  librarySort: z.enum(LIBRARY_SORTS).default('date'),
  /** Name recorded with each annotation and correction. */
  author: z.string().trim().max(300).default(''),
});

export type Settings = z.infer<typeof settingsSchema>;

// Plain data in settings-defaults.ts (the renderer loads it without zod); settings.test.ts holds it to the schema.
export { defaultSettings };

type Shape = typeof settingsSchema.shape;

/**
 * Patches are partial and validated key by key. Built from each setting's
 * schema without its default: `settingsSchema.partial()` would keep zod's
 * defaults and turn `{ zoom: 2 }` into a full object that resets every other
 * setting (it reset `lastDocument` whenever zoom was saved on its own).
 */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(Object.entries(settingsSchema.shape).map(([key, schema]) => [key, schema.unwrap().optional()])) as {
      [K in keyof Shape]: z.ZodOptional<ReturnType<Shape[K]['unwrap']>>;
    },
  )
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Reads stored settings, keeping every valid key and defaulting the rest. */
export function loadSettings(stored: unknown): Settings {
  const out: Record<string, unknown> = { ...defaultSettings };
  if (stored && typeof stored === 'object') {
    for (const [key, schema] of Object.entries(settingsSchema.shape)) {
      const value = (stored as Record<string, unknown>)[key];
      if (value === undefined) continue;
      const parsed = (schema as z.ZodType).safeParse(value);
      if (parsed.success) out[key] = parsed.data;
    }
  }
  return out as Settings;
}
