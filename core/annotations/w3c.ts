import { z } from 'zod';
import { annotationSchema, COLOUR_CSS, COLOURS, type Annotation, type AnnotationTarget, type Colour } from './annotation.ts';

/**
 * Broadsheet annotations ⇄ W3C Web Annotation Data Model (JSON-LD,
 * https://www.w3.org/TR/annotation-model/).
 *
 * - id: `urn:uuid:<id>`; creator: a Person with the author's name.
 * - body: the note as a TextualBody (text/markdown, purpose "commenting"),
 *   and one TextualBody per tag (purpose "tagging").
 * - target: a SpecificResource whose source is `urn:sha256:<PDF digest>`,
 *   with selectors for the same stretch: a FragmentSelector conforming to
 *   RFC 3778 (`page=N&viewrect=x,y,w,h`, PDF points from the top-left),
 *   and, for text, a TextQuoteSelector and a TextPositionSelector whose
 *   offsets count characters in that page's text (blocks joined by "\n").
 * - colour: the target's styleClass, defined by the annotation's CssStylesheet.
 *
 * Output is deterministic (fixed key order, no timestamps of its own), so
 * export → import elsewhere → export gives the same bytes.
 */

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const RFC3778 = 'http://tools.ietf.org/rfc/rfc3778';

type Json = Record<string, unknown>;

function fragmentValue(t: AnnotationTarget): string {
  return t.viewrect ? `page=${t.page}&viewrect=${t.viewrect.join(',')}` : `page=${t.page}`;
}

function targetToW3C(t: AnnotationTarget, colour: Colour): Json {
  const selector: Json[] = [{ type: 'FragmentSelector', conformsTo: RFC3778, value: fragmentValue(t) }];
  if (t.text) {
    selector.push({ type: 'TextQuoteSelector', exact: t.text.exact, prefix: t.text.prefix, suffix: t.text.suffix });
    selector.push({ type: 'TextPositionSelector', start: t.text.start, end: t.text.end });
  }
  return { type: 'SpecificResource', source: `urn:sha256:${t.docId}`, styleClass: colour, selector };
}

export function toW3C(a: Annotation): Json {
  const body: Json[] = [];
  if (a.note) body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: a.note });
  for (const tag of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  const out: Json = {
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.note ? 'commenting' : 'highlighting',
  };
  if (a.creator) out.creator = { type: 'Person', name: a.creator };
  out.created = a.created;
  out.modified = a.modified;
  out.stylesheet = { type: 'CssStylesheet', value: `.${a.colour} { background-color: ${COLOUR_CSS[a.colour]}; }` };
  if (body.length) out.body = body;
  const targets = a.targets.map((t) => targetToW3C(t, a.colour));
  out.target = targets.length === 1 ? targets[0] : targets;
  return out;
}

/** A whole export: one AnnotationCollection holding every annotation in one page. */
export function toW3CCollection(annotations: readonly Annotation[]): Json {
  return {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: 'Broadsheet annotations',
    total: annotations.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations.map(toW3C) },
  };
}

// ---- reading ---------------------------------------------------------------

const oneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const selectorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('FragmentSelector'), conformsTo: z.string().optional(), value: z.string().max(500) }),
  z.object({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string().optional(), suffix: z.string().optional() }),
  z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) }),
]);

const w3cTargetSchema = z.object(
  {
    type: z.literal('SpecificResource').optional(),
    source: z.string().regex(/^urn:sha256:[a-f0-9]{64}$/, 'target source must be urn:sha256:<64 hex digits>'),
    styleClass: z.string().optional(),
    selector: oneOrMany(selectorSchema),
  },
  {
    // The model allows a bare IRI as a target (the whole resource); an archive's annotation is on a page of a document.
    error: (issue) =>
      typeof issue.input === 'string'
        ? `should say where it is: a source (urn:sha256:…) with a FragmentSelector (page=N), not only the IRI ${kindOf(issue.input).replace(/^the text /, '')}`
        : undefined,
  },
);

const bodySchema = z.object({
  type: z.literal('TextualBody'),
  purpose: z.enum(['commenting', 'tagging', 'describing', 'highlighting']).optional(),
  format: z.string().optional(),
  value: z.string(),
});

const w3cAnnotationSchema = z.object({
  '@context': z.unknown().optional(),
  id: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/i, 'should be urn:uuid: and a UUID'),
  type: z.literal('Annotation'),
  motivation: z.string().optional(),
  creator: z.union([z.string(), z.object({ name: z.string().optional() })]).optional(),
  created: z.string(),
  modified: z.string().optional(),
  stylesheet: z.unknown().optional(),
  body: oneOrMany(bodySchema).optional(),
  target: oneOrMany(w3cTargetSchema),
});

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][] };

/** Zod's words for what a value is ("received number"), as a sentence says it. */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + '…' : input)}`;
  if (typeof input === 'object') return 'an object';
  return `the ${typeof input} ${String(input).slice(0, 40)}`;
}

/** Whether year-month-day is a day of the (proleptic Gregorian) calendar. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const A_LIST = new Set(['array', 'tuple']);
const article = (expected: string) => (A_LIST.has(expected) ? 'a list' : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);

/**
 * Plain words for the problems a hand-made or foreign file has most (a field missing, of the wrong kind, or not one
 * of the values allowed), in place of Zod's ("Invalid input: expected string, received undefined"); the messages
 * the schemas set themselves stand.
 */
const plainWords: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is missing' : `should be ${article(issue.expected)}, not ${kindOf(issue.input)}`;
  if (issue.code === 'invalid_value') return `should be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${issue.input === undefined ? ' (it is missing)' : `, not ${kindOf(issue.input)}`}`;
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'is empty';
  if (issue.code === 'invalid_format' && issue.format === 'datetime') {
    // Written right but naming a day the calendar does not have ("2026-02-30"): said so, not the form again.
    const day = typeof issue.input === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}/.exec(issue.input) : null;
    if (day && !isCalendarDay(Number(day[1]), Number(day[2]), Number(day[3]))) return `names no day of the calendar: ${day[1]}-${day[2]}-${day[3]}`;
    return `should be a date and time such as 2026-12-01T09:30:00Z${issue.input === '' ? ' (it is empty)' : ''}`;
  }
  // A selector or body whose "type" is none of the kinds read.
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    const { input } = issue;
    const given = 'discriminator' in issue && typeof issue.discriminator === 'string' && input && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : input;
    return `should be ${issue.options.map((v: unknown) => JSON.stringify(v)).join(' or ')}${given === undefined ? ' (it is missing)' : `, not ${kindOf(given)}`}`;
  }
  return undefined;
};

/** The most specific problem: inside a union ("one or many"), the branch that got furthest. */
function deepest(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors?.length) {
    const branches = issue.errors.filter((b) => b.length).map((b) => deepest(b[0], path));
    const best = branches.sort((a, b) => b.path.length - a.path.length)[0];
    if (best) return best;
  }
  return { path, message: issue.message };
}

/**
 * The first problem, where it is in the W3C annotation: "target[1].selector: should be an object, not the text
 * "page=1"". `names` renames our own fields back to the W3C ones they were read from.
 */
function describe(err: z.ZodError, names: Record<string, string> = {}): string {
  const first = err.issues[0] as Issue | undefined;
  if (!first) return 'invalid annotation';
  const { path, message } = deepest(first);
  const where = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${names[String(p)] ?? String(p)}`)).join('');
  return `${where ? where + ': ' : ''}${message}`;
}

function parseFragment(value: string): { page: number; viewrect: [number, number, number, number] | null } | string {
  // RFC 3778 parameters are name=value pairs joined by "&" (URLSearchParams is a DOM/Node global core does not assume).
  const params = new Map(
    value.split('&').map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
  const page = Number(params.get('page'));
  if (!Number.isInteger(page) || page < 1) return `FragmentSelector needs page=N (got "${value.slice(0, 60)}")`;
  const vr = params.get('viewrect');
  if (vr === undefined) return { page, viewrect: null };
  const nums = vr.split(',').map(Number);
  if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n) || n < 0)) return `viewrect must be four non-negative numbers x,y,w,h (got "${vr.slice(0, 60)}")`;
  return { page, viewrect: nums as [number, number, number, number] };
}

/** One W3C annotation → ours, or the reason it cannot be read. */
export function fromW3C(json: unknown): { ok: true; annotation: Annotation } | { ok: false; error: string } {
  const parsed = w3cAnnotationSchema.safeParse(json, { error: plainWords });
  if (!parsed.success) return { ok: false, error: describe(parsed.error) };
  const w = parsed.data;
  const targets: AnnotationTarget[] = [];
  let colour: Colour = 'yellow';
  for (const [i, t] of w.target.entries()) {
    const fragment = t.selector.find((s) => s.type === 'FragmentSelector');
    if (!fragment) return { ok: false, error: `target[${i}]: needs a FragmentSelector (page=N)` };
    if (fragment.conformsTo !== undefined && fragment.conformsTo !== RFC3778) return { ok: false, error: `target[${i}]: FragmentSelector must conform to ${RFC3778}` };
    const frag = parseFragment(fragment.value);
    if (typeof frag === 'string') return { ok: false, error: `target[${i}]: ${frag}` };
    const quote = t.selector.find((s) => s.type === 'TextQuoteSelector');
    const position = t.selector.find((s) => s.type === 'TextPositionSelector');
    if (position && !quote) return { ok: false, error: `target[${i}]: a TextPositionSelector needs its TextQuoteSelector` };
    if (quote && position && position.end - position.start !== quote.exact.length)
      return { ok: false, error: `target[${i}]: TextPositionSelector spans ${position.end - position.start} characters but the quote has ${quote.exact.length}` };
    const text = quote
      ? { start: position?.start ?? 0, end: position?.end ?? quote.exact.length, exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' }
      : null;
    targets.push({ docId: t.source.slice('urn:sha256:'.length), page: frag.page, text, viewrect: frag.viewrect });
    if (t.styleClass && (COLOURS as readonly string[]).includes(t.styleClass)) colour = t.styleClass as Colour;
  }
  const notes = (w.body ?? []).filter((b) => b.purpose !== 'tagging');
  if (notes.length > 1) return { ok: false, error: 'body: more than one note' };
  const annotation = {
    id: w.id.slice('urn:uuid:'.length).toLowerCase(),
    targets,
    note: notes[0]?.value ?? '',
    tags: (w.body ?? []).filter((b) => b.purpose === 'tagging').map((b) => b.value),
    colour,
    creator: typeof w.creator === 'string' ? w.creator : (w.creator?.name ?? ''),
    created: w.created,
    modified: w.modified ?? w.created,
  };
  const checked = annotationSchema.safeParse(annotation, { error: plainWords });
  if (!checked.success) return { ok: false, error: describe(checked.error, { targets: 'target' }) };
  return { ok: true, annotation: checked.data };
}

export interface W3CFileResult {
  annotations: Array<{ index: number; annotation: Annotation }>;
  errors: Array<{ index: number; error: string }>;
}

/**
 * Reads an export: an AnnotationCollection (items in `first`), an
 * AnnotationPage, a bare array, or a single Annotation. Throws a one-line
 * error when the file as a whole is not one of those; bad annotations inside
 * are reported by index and the rest kept.
 */
export function readW3CFile(text: string): W3CFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  let items: unknown[];
  const obj = json as Json | null;
  if (Array.isArray(json)) items = json;
  else if (obj && typeof obj === 'object' && obj.type === 'AnnotationCollection') {
    const first = obj.first as Json | undefined;
    if (!first || typeof first !== 'object' || !Array.isArray(first.items)) throw new Error('AnnotationCollection has no embedded first page with items');
    items = first.items;
  } else if (obj && typeof obj === 'object' && obj.type === 'AnnotationPage') {
    if (!Array.isArray(obj.items)) throw new Error('AnnotationPage has no items');
    items = obj.items;
  } else if (obj && typeof obj === 'object' && obj.type === 'Annotation') items = [obj];
  else throw new Error('expected a W3C AnnotationCollection, AnnotationPage, Annotation or an array of annotations');
  const out: W3CFileResult = { annotations: [], errors: [] };
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const r = fromW3C(item);
    if (!r.ok) out.errors.push({ index, error: r.error });
    else if (seen.has(r.annotation.id)) out.errors.push({ index, error: `duplicate id urn:uuid:${r.annotation.id} in this file` });
    else {
      seen.add(r.annotation.id);
      out.annotations.push({ index, annotation: r.annotation });
    }
  });
  return out;
}
