import { z } from 'zod';
import type { LibraryColumns } from './library-columns.ts';
import type { LibraryMigrated } from './migration-notice.ts';
import { DOCUMENT_ID_RE, LIBRARY_SORTS, type DocumentDetail, type DocumentSummary, type ImportProgress, type ImportResult } from './library-model.ts';
import type { PageModel, Photo } from './page-model.ts';
import type { PageViewReply } from './page-view/page-view-codec.ts';
import type { IndexProgress, SearchResult } from './search/search-model.ts';
import { isoDateProblem } from './iso-date.ts';
import { firstScreenProblem, MAX_FIRST_SCREEN_BYTES } from './first-screen.ts';
import { LANGUAGE_TAG_RE } from './language.ts';
import { MAX_UPLOAD_PATH, uploadPathProblem } from './upload-path.ts';
import { settingsPatchSchema, type Settings } from './settings.ts';
import { annotationEvents, annotationRequests } from './annotations/requests.ts';
import { InvalidFieldError, type InvalidField } from './invalid-field.ts';

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

/** Largest file accepted through the bridge. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/**
 * File bytes as they are: Electron's IPC clones a Uint8Array, the browser
 * host receives them in a binary envelope (core/bridge-envelope.ts). Never
 * base64, which cost a third more on the wire and three copies in memory.
 */
const fileBytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected the file bytes (a Uint8Array)' }).check((ctx) => {
  if (ctx.value.byteLength > MAX_IMPORT_BYTES) ctx.issues.push({ code: 'custom', message: `file larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB`, input: ctx.value });
});

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
  /** Set when opening the library migrated it to this build's schema: the app says so once, as a note. */
  migrated?: Omit<LibraryMigrated, 'dir'>;
}

/** How a library list is sorted and narrowed: the same for library.list and library.columns. */
const libraryQuery = {
  sort: z.enum(LIBRARY_SORTS).optional(),
  newspaper: z.string().max(300).optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
};

export const requests = {
  'app.info': { params: z.object({}).strict(), result: returns<AppInfo>() },
  /** The library's first screen as the app rendered it, kept for the next start to show at once (core/first-screen.ts). */
  'app.keepFirstScreen': {
    params: z
      .object({
        key: z.string().regex(/^[0-9a-f]{64}$/, 'expected the 64-digit hex key the page was served with'),
        html: z.string().max(MAX_FIRST_SCREEN_BYTES).superRefine((html, ctx) => {
          const problem = firstScreenProblem(html);
          if (problem) ctx.addIssue({ code: 'custom', message: `not a first screen the host would serve: it ${problem}` });
        }),
        width: z.number().int().min(1).max(100_000),
        height: z.number().int().min(1).max(100_000),
      })
      .strict(),
    result: returns<{ kept: boolean }>(),
  },
  /**
   * Whether the library is open: the one request answered while an older library is backed up and updated, so the
   * page that waits for it can ask without being refused (a refusal is an error in the console of an offline app).
   */
  'library.isOpen': { params: z.object({}).strict(), result: returns<{ open: boolean }>() },
  'library.list': {
    params: z
      .object({
        ...libraryQuery,
      })
      .strict(),
    result: returns<DocumentSummary[]>(),
  },
  /**
   * The list as columns (core/library-columns.ts): a fifth of library.list's
   * bytes. With limit, only rows offset … offset + limit − 1 (the first
   * screenful at start) and the total; without, the whole list. Without
   * sort, the settings' librarySort (the renderer asks before it has them).
   */
  'library.columns': {
    params: z
      .object({
        ...libraryQuery,
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    result: returns<LibraryColumns>(),
  },
  'library.import': {
    params: z
      .object({
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(255),
                /** Where the file sat in what was dropped ("sn83045462/reel01/1859022101/0007.pdf"): core/upload-path.ts. */
                path: z.string().max(MAX_UPLOAD_PATH).optional(),
                data: fileBytes,
              })
              .strict()
              .check((ctx) => {
                const problem = ctx.value.path === undefined ? null : uploadPathProblem(ctx.value.path, ctx.value.name);
                if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value.path, path: ['path'] });
              }),
          )
          .min(1)
          .max(500),
      })
      .strict(),
    result: returns<ImportResult[]>(),
  },
  /** Removes documents with their pages, and their originals when nothing else uses them. */
  'library.remove': {
    params: z.object({ ids: z.array(documentIdSchema).min(1).max(500) }).strict(),
    result: returns<{ removed: string[]; missing: string[] }>(),
  },
  'document.get': { params: z.object({ id: documentIdSchema }).strict(), result: returns<DocumentDetail>() },
  'document.page': {
    params: z.object({ id: documentIdSchema, page: z.number().int().min(1).max(100000) }).strict(),
    result: returns<PageModel>(),
  },
  /** The page as the reader draws it, compact (core/page-view): decode with decodePageViewReply. */
  'document.pageView': {
    params: z.object({ id: documentIdSchema, page: z.number().int().min(1).max(100000) }).strict(),
    result: returns<PageViewReply>(),
  },
  'document.updateMetadata': {
    params: z.object({ id: documentIdSchema, patch: metadataPatchSchema }).strict(),
    result: returns<DocumentSummary>(),
  },
  /** The archivist's choice for one photo → paragraph link; returns the photos of the photo's page with every choice applied. */
  'photos.link': {
    params: z
      .object({
        id: documentIdSchema,
        photo: z.string().regex(/^p\d{1,6}i\d{1,6}$/, 'expected a photo id like p1i0'),
        block: z.string().regex(/^p\d{1,6}b\d{1,7}$/, 'expected a block id like p1b12'),
        action: z.enum(['confirm', 'remove', 'add', 'reset']),
      })
      .strict(),
    result: returns<Photo[]>(),
  },
  /** The photos anywhere in the document that illustrate a paragraph, best first. */
  'photos.ofBlock': {
    params: z.object({ id: documentIdSchema, block: z.string().regex(/^p\d{1,6}b\d{1,7}$/, 'expected a block id like p1b12') }).strict(),
    result: returns<Array<{ photo: string; page: number; caption: string; score: number; origin?: 'confirmed' | 'added' }>>(),
  },
  /**
   * The first words of paragraphs (core/photos/paragraph-snippet.ts), corrections applied, by block id: a photo's
   * links to paragraphs on other pages are told apart by them. A block that is not there is left out.
   */
  'photos.linkSnippets': {
    params: z
      .object({ id: documentIdSchema, blocks: z.array(z.string().regex(/^p\d{1,6}b\d{1,7}$/, 'expected a block id like p1b12')).min(1).max(200) })
      .strict(),
    result: returns<Record<string, string>>(),
  },
  /** Re-runs the linker over a document; the archivist's choices stay. */
  'photos.relink': { params: z.object({ id: documentIdSchema }).strict(), result: returns<{ photos: number }>() },
  'search.query': {
    params: z
      .object({
        q: z.string().max(1000),
        /** Search the raw layer (text exactly as extracted) instead of the cleaned one. */
        raw: z.boolean().optional(),
        limit: z.number().int().min(1).max(500).optional(),
        offset: z.number().int().min(0).max(100000).optional(),
        newspaper: z.string().max(300).optional(),
        dateFrom: isoDate.optional(),
        dateTo: isoDate.optional(),
        kinds: z.array(z.enum(['headline', 'subhead', 'paragraph', 'caption', 'byline', 'other'])).max(6).optional(),
        /** Also match the other written form of Chinese terms (simplified ↔ traditional). */
        variants: z.boolean().optional(),
        /** Only this document (Ctrl+F in the reader). */
        document: documentIdSchema.optional(),
        /** Include each hit's page rectangles (costs a page load per hit page). */
        rects: z.boolean().optional(),
      })
      .strict(),
    result: returns<SearchResult>(),
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
  ...annotationRequests,
} as const;

export const events = {
  'import.progress': returns<ImportProgress>(),
  /** `pages`: documents whose pages were rebuilt (a re-import that brought their ALTO): a reader showing one reloads it. */
  'library.changed': returns<{ ids: string[]; pages?: string[] }>(),
  /** The search index catching up with the library; total 0 means it is ready. */
  'search.progress': returns<IndexProgress>(),
  /** Pages stored by an older version being converted to the current form in the background (src-main/library/raw-items-upgrade.ts); total 0: done. */
  'library.upgrade': returns<{ done: number; total: number }>(),
  /**
   * The copy of an older library taken before it is updated (src-main/library/library-backup.ts), in pages of its
   * database file; the update runs once it is whole. Total 0: done.
   */
  'library.backup': returns<{ done: number; total: number }>(),
  /**
   * The library a page was served while it opened (backed up and updated first: `library.backup`) is open, or, with
   * `error`, could not be opened (the host then stops). Told only to such pages: a library that opens at once is open
   * before any page is served.
   */
  'library.opened': returns<{ error: string | null }>(),
  ...annotationEvents,
} as const;

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;
export type Params<N extends RequestName> = z.input<(typeof requests)[N]['params']>;
export type ParsedParams<N extends RequestName> = z.output<(typeof requests)[N]['params']>;
export type Result<N extends RequestName> = (typeof requests)[N]['result'];
export type EventPayload<E extends EventName> = (typeof events)[E];

/**
 * `error` is the one-line message every caller has always read; `invalid`,
 * when a field of the request was refused, says which and why (core/invalid-field.ts).
 */
export type Reply<N extends RequestName> = { ok: true; result: Result<N> } | { ok: false; error: string; invalid?: InvalidField };

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
    const reason = issue?.message ?? 'bad params';
    return { ok: false, error: `${name}: invalid ${where}: ${reason}`, invalid: { field: where, reason } };
  }
  try {
    const handler = handlers[name] as (p: unknown) => unknown;
    return { ok: true, result: (await handler(parsed.data)) as Result<RequestName> };
  } catch (err) {
    if (err instanceof InvalidFieldError) return { ok: false, error: err.message, invalid: err.invalid };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
