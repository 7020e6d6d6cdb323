import { z } from 'zod';
import { DOCUMENT_ID_RE, LIBRARY_SORTS, type DocumentDetail, type DocumentSummary, type ImportProgress, type ImportResult } from './library-model.ts';
import type { PageModel } from './page-model.ts';
import { isoDateProblem } from './iso-date.ts';
import { LANGUAGE_TAG_RE } from './language.ts';
import { settingsPatchSchema, type Settings } from './settings.ts';

/**
 * Every request and event between the renderer and its back end (Electron
 * main or the browser host): name → params schema → result type. Main's
 * handlers, the preload bridge, the browser host and the renderer's adapter
 * are all typed from this one table.
 */

/** A phantom marker carrying a result type through the table. */
const returns = <T>() => undefined as unknown as T;

export const documentIdSchema = z.string().regex(DOCUMENT_ID_RE, 'expected a 64-digit hex document id');
/** A calendar date that exists (see core/iso-date.ts): the format alone let 1865-02-30 through. */
const calendarDate = (allowEmpty: boolean) =>
  z.string().check((ctx) => {
    const problem = allowEmpty && ctx.value === '' ? null : isoDateProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
const isoDate = calendarDate(false);

/** Largest file accepted through the bridge (base64 inflates by 4/3). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export const metadataPatchSchema = z
  .object({
    newspaper: z.string().max(300),
    /** '' clears it. */
    date: calendarDate(true),
    page: z.number().int().min(1).max(100000).nullable(),
    edition: z.string().max(300),
    title: z.string().max(1000),
    language: z.string().max(35).regex(LANGUAGE_TAG_RE, 'expected a BCP 47 language tag such as en, zh-Hans or zh-Hant, or empty'),
  })
  .partial()
  .strict();

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  libraryDir: string;
}

export const requests = {
  'app.info': { params: z.object({}).strict(), result: returns<AppInfo>() },
  'library.list': {
    params: z
      .object({
        sort: z.enum(LIBRARY_SORTS).optional(),
        newspaper: z.string().max(300).optional(),
        dateFrom: isoDate.optional(),
        dateTo: isoDate.optional(),
      })
      .strict(),
    result: returns<DocumentSummary[]>(),
  },
  'library.import': {
    params: z
      .object({
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(255),
                /** File bytes, base64. */
                data: z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4),
              })
              .strict(),
          )
          .min(1)
          .max(500),
      })
      .strict(),
    result: returns<ImportResult[]>(),
  },
  'document.get': { params: z.object({ id: documentIdSchema }).strict(), result: returns<DocumentDetail>() },
  'document.page': {
    params: z.object({ id: documentIdSchema, page: z.number().int().min(1).max(100000) }).strict(),
    result: returns<PageModel>(),
  },
  'document.updateMetadata': {
    params: z.object({ id: documentIdSchema, patch: metadataPatchSchema }).strict(),
    result: returns<DocumentSummary>(),
  },
  /** Bulk editing: the same metadata on many documents at once (select many, set newspaper or date). */
  'library.updateMetadata': {
    params: z.object({ ids: z.array(documentIdSchema).min(1).max(100000), patch: metadataPatchSchema }).strict(),
    result: returns<{ updated: number }>(),
  },
  /** Names a newspaper once for its LCCN: all its pages now and every page imported later. */
  'library.renameTitle': {
    params: z.object({ lccn: z.string().regex(/^[a-z]{1,3}\d{8,10}$/, 'expected an LCCN such as sn83045462'), newspaper: z.string().trim().min(1).max(300) }).strict(),
    result: returns<{ updated: number }>(),
  },
  'settings.get': { params: z.object({}).strict(), result: returns<Settings>() },
  'settings.set': { params: z.object({ patch: settingsPatchSchema }).strict(), result: returns<Settings>() },
} as const;

export const events = {
  'import.progress': returns<ImportProgress>(),
  'library.changed': returns<{ ids: string[] }>(),
} as const;

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;
export type Params<N extends RequestName> = z.input<(typeof requests)[N]['params']>;
export type ParsedParams<N extends RequestName> = z.output<(typeof requests)[N]['params']>;
export type Result<N extends RequestName> = (typeof requests)[N]['result'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export type Reply<N extends RequestName> = { ok: true; result: Result<N> } | { ok: false; error: string };

/** Back-end implementation of the contract: one handler per request. */
export type Handlers = { [N in RequestName]: (params: ParsedParams<N>) => Promise<Result<N>> | Result<N> };

/** What the renderer sees: the preload's `window.archive` and the browser host's client both implement it. */
export interface ArchiveBridge {
  invoke<N extends RequestName>(name: N, params: Params<N>): Promise<Reply<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** URL the renderer may load a library document's original bytes from. */
  fileUrl(id: string): string;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/**
 * The boundary check every transport runs: an unknown name or params that do
 * not parse become an error reply, and a handler that throws becomes one too.
 * Nothing a caller sends can crash the back end.
 */
export async function dispatch(handlers: Handlers, name: unknown, params: unknown): Promise<Reply<RequestName>> {
  if (!isRequestName(name)) return { ok: false, error: `unknown request ${JSON.stringify(String(name)).slice(0, 80)}` };
  const parsed = requests[name].params.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'params';
    return { ok: false, error: `${name}: invalid ${where}: ${issue?.message ?? 'bad params'}` };
  }
  try {
    const handler = handlers[name] as (p: unknown) => unknown;
    return { ok: true, result: (await handler(parsed.data)) as Result<RequestName> };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
