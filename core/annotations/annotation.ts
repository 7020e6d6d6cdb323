import { z } from 'zod';
import type { Rect } from '../page-model.ts';

/**
 * An archivist's annotation, as stored and as sent across the contract.
 * It is the W3C Web Annotation model cut to what Broadsheet makes (see
 * w3c.ts for the mapping): one or more targets on library pages, a Markdown
 * note, tags and a highlight colour.
 *
 * A target names its page by the PDF's SHA-256 and page number, and holds up
 * to three selectors of the same stretch: the quote with its context
 * (TextQuoteSelector), its offsets in the page text (TextPositionSelector:
 * the page's cleaned — or corrected — blocks joined with "\n", see
 * core/page-text.ts) and its area on the page (RFC 3778 viewrect in PDF
 * points). Offsets go stale when the text changes; the quote does not, so
 * targets re-anchor by quote (anchor.ts).
 */

import { COLOURS, type Colour } from './colours.ts';
import { CONTEXT_CHARS, rectOfView, viewRectOf, type ViewRect } from './view-rect.ts';
export { COLOURS, type Colour, CONTEXT_CHARS, rectOfView, viewRectOf };

/** Screen colours of the highlights (also written into the W3C export's stylesheet). */
export const COLOUR_CSS: Record<Colour, string> = {
  yellow: '#f7d94c',
  green: '#7fd08b',
  blue: '#7fb7f0',
  pink: '#f39ac4',
  orange: '#f6a95b',
};

export const MAX_NOTE = 100_000;
export const MAX_TAGS = 50;
export const MAX_QUOTE = 100_000;
export const MAX_TARGETS = 2000;

const sha256Id = z.string().regex(/^[a-f0-9]{64}$/, 'expected a 64-digit hex document id');
const isoTime = z.iso.datetime({ offset: true });
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'empty tag')
  .max(100)
  .refine((t) => !/[\n\r\t]/.test(t), 'a tag is one line');

export const textAnchorSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    exact: z.string().min(1).max(MAX_QUOTE),
    prefix: z.string().max(1000),
    suffix: z.string().max(1000),
  })
  .strict()
  .refine((a) => a.end > a.start, 'end must be after start');
export type TextAnchor = z.infer<typeof textAnchorSchema>;

const finite = z.number().finite();
/** [x, y, width, height] in PDF points from the page's top-left corner. */
export const viewRectSchema = z.tuple([finite.min(0), finite.min(0), finite.min(0), finite.min(0)]) satisfies z.ZodType<ViewRect>;
export type { ViewRect };

export const targetSchema = z
  .object({
    docId: sha256Id,
    page: z.number().int().min(1).max(100000),
    text: textAnchorSchema.nullable(),
    viewrect: viewRectSchema.nullable(),
  })
  .strict()
  .refine((t) => t.text !== null || t.viewrect !== null, 'a target needs a text range or an area');
export type AnnotationTarget = z.infer<typeof targetSchema>;

export const annotationSchema = z
  .object({
    id: z.uuid(),
    targets: z.array(targetSchema).min(1).max(MAX_TARGETS),
    note: z.string().max(MAX_NOTE),
    tags: z.array(tagSchema).max(MAX_TAGS),
    colour: z.enum(COLOURS),
    creator: z.string().max(300),
    created: isoTime,
    modified: isoTime,
  })
  .strict();
export type Annotation = z.infer<typeof annotationSchema>;

/** Tags as kept: trimmed, each once, in the order first given. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

export type AnchorStatus = 'anchored' | 'reanchored' | 'orphan';

/** Where a target lands on the page as it reads now. */
export interface ResolvedTarget {
  status: AnchorStatus;
  /** Current [start, end) in the page text; null for an area or an orphan. */
  start: number | null;
  end: number | null;
  /**
   * The text [start, end) holds now: the quote as the page reads today. It
   * differs from the stored quote when a correction changed the words inside
   * it (quote-change.ts). Null for an area or an orphan.
   */
  quote: string | null;
  /** Boxes to draw on the page (PDF points, top-left origin): the characters, or the area. */
  rects: Rect[];
}

/** An annotation as listed: the stored record plus where each target lands today, and its document. */
export interface AnnotationView extends Annotation {
  resolved: ResolvedTarget[];
  /** True when any target could not re-anchor. */
  orphan: boolean;
  newspaper: string;
  date: string;
  fileName: string;
}
