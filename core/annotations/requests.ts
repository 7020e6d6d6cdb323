import { z } from 'zod';
import type { Block } from '../page-model.ts';
import type { CorrectionRecord } from '../corrections/correct-block.ts';
import { COLOURS, MAX_NOTE, MAX_TAGS, annotationSchema, tagSchema, type Annotation, type AnnotationView } from './annotation.ts';
import { articlePartSchema, type Article, type ArticleText } from './article.ts';

/**
 * Contract entries for annotations, corrections and articles, spread into
 * core/contract.ts's table. Anchors are computed by the back end from the
 * text it holds, so a caller names a range or an area, never a quote.
 */

const returns = <T>() => undefined as unknown as T;
const docId = z.string().regex(/^[a-f0-9]{64}$/, 'expected a 64-digit hex document id');
const page = z.number().int().min(1).max(100000);
const blockId = z.string().regex(/^p\d+b\d+$/, 'expected a block id like p1b4');
const coord = z.number().finite().min(0).max(1e6);

/** Largest annotation file accepted for import, through the app and the CLI. */
export const MAX_ANNOTATION_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_BLOCK_TEXT = 100_000;

export const newTargetSchema = z.union([
  z.object({ docId, page, start: z.number().int().min(0), end: z.number().int().min(1) }).strict(),
  /** A rectangle dragged on the page: [x0, y0, x1, y1] in PDF points. */
  z.object({ docId, page, area: z.tuple([coord, coord, coord, coord]) }).strict(),
]);
export type NewTarget = z.infer<typeof newTargetSchema>;

const body = {
  note: z.string().max(MAX_NOTE),
  tags: z.array(tagSchema).max(MAX_TAGS),
  colour: z.enum(COLOURS),
};

export interface AnnotationList {
  items: AnnotationView[];
  /** Annotations per tag in the scope (document or library) before the tag filter. */
  tagCounts: Record<string, number>;
  orphans: number;
}

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  errors: Array<{ index: number; error: string }>;
}

export interface BlockHistory {
  docId: string;
  page: number;
  blockId: string;
  /** The block as cleaning made it (version 0). */
  original: string;
  /** Every correction, oldest first. */
  versions: CorrectionRecord[];
  /** The text the reader shows now. */
  current: string;
}

export const annotationRequests = {
  'annotations.list': {
    params: z
      .object({
        docId: docId.optional(),
        page: page.optional(),
        tag: tagSchema.optional(),
        colour: z.enum(COLOURS).optional(),
        newspaper: z.string().max(300).optional(),
      })
      .strict(),
    result: returns<AnnotationList>(),
  },
  'annotations.create': {
    params: z.object({ targets: z.array(newTargetSchema).min(1).max(100), ...body }).strict(),
    result: returns<AnnotationView>(),
  },
  'annotations.createForArticle': { params: z.object({ articleId: z.uuid(), ...body }).strict(), result: returns<AnnotationView>() },
  'annotations.update': {
    params: z.object({ id: z.uuid(), note: body.note.optional(), tags: body.tags.optional(), colour: body.colour.optional() }).strict(),
    result: returns<AnnotationView>(),
  },
  'annotations.delete': { params: z.object({ id: z.uuid() }).strict(), result: returns<Annotation>() },
  /** Puts back a record exactly as it was (undo of an edit or a delete). */
  'annotations.restore': { params: z.object({ annotation: annotationSchema }).strict(), result: returns<AnnotationView>() },
  'annotations.export': {
    params: z.object({ format: z.enum(['w3c', 'csv']), docId: docId.optional() }).strict(),
    result: returns<{ fileName: string; mediaType: string; text: string }>(),
  },
  'annotations.import': { params: z.object({ text: z.string().max(MAX_ANNOTATION_FILE_BYTES) }).strict(), result: returns<ImportReport>() },
  'corrections.set': {
    params: z.object({ docId, page, blockId, text: z.string().max(MAX_BLOCK_TEXT), reason: z.string().max(1000).optional() }).strict(),
    result: returns<{ block: Block; history: BlockHistory }>(),
  },
  'corrections.history': { params: z.object({ docId, page, blockId }).strict(), result: returns<BlockHistory>() },
  'corrections.revert': {
    params: z.object({ docId, page, blockId, toVersion: z.number().int().min(0), reason: z.string().max(1000).optional() }).strict(),
    result: returns<{ block: Block; history: BlockHistory }>(),
  },
  'articles.list': { params: z.object({ docId: docId.optional() }).strict(), result: returns<Article[]>() },
  'articles.save': {
    params: z.object({ id: z.uuid().optional(), title: z.string().trim().min(1).max(1000), parts: z.array(articlePartSchema).min(1).max(5000) }).strict(),
    result: returns<Article>(),
  },
  'articles.delete': { params: z.object({ id: z.uuid() }).strict(), result: returns<Article>() },
  'articles.read': { params: z.object({ id: z.uuid() }).strict(), result: returns<ArticleText>() },
  'export.text': {
    params: z.union([
      z.object({ kind: z.literal('document'), id: docId, layer: z.enum(['cleaned', 'corrected']) }).strict(),
      z.object({ kind: z.literal('article'), id: z.uuid(), format: z.enum(['markdown', 'text']) }).strict(),
    ]),
    result: returns<{ fileName: string; mediaType: string; text: string }>(),
  },
} as const;

/** One block corrected (or reverted), or `all`: corrections this window may have missed, on any page. */
export type TextCorrected = { id: string; page: number; blockId: string } | { all: true };

export const annotationEvents = {
  /** Annotations were made, changed, deleted or imported. */
  'annotations.changed': returns<{ ids: string[] }>(),
  /**
   * A block's text changed by correction or revert. Fired after the change is
   * committed; the search index re-indexes that page from the corrected text.
   * `{ all: true }`: any page's may have (a window that missed events no
   * longer kept, services/event-bus.ts): read the page shown again.
   */
  'text.corrected': returns<TextCorrected>(),
} as const;
