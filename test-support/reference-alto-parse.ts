/**
 * core/layout/alto.ts's parseAlto as it was before alto-tags.ts (one regular
 * expression per attribute), kept verbatim as the reference the faster reader
 * must agree with, odd input included.
 */
import type { AltoBlock, AltoLine, AltoPage, AltoWord } from '../core/layout/alto.ts';
import type { Rect } from '../core/page-model.ts';

const ATTR_CACHE = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTR_CACHE.get(name);
  if (!re) ATTR_CACHE.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  return re.exec(tag)?.[1];
}

function num(tag: string, name: string): number {
  const v = Number(attr(tag, name));
  return Number.isFinite(v) ? v : NaN;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/**
 * Parses ALTO into blocks of lines of words, scaled into a PDF page of
 * `pageWidth` × `pageHeight` points. Throws with a one-line reason when the
 * file has no Page size or the page's aspect ratio disagrees with the PDF's
 * (the ALTO belongs to another page).
 */
export function referenceParseAlto(xml: string, pageWidth: number, pageHeight: number): AltoPage {
  const pageTag = /<(?:\w+:)?Page\b[^>]*>/.exec(xml)?.[0];
  if (!pageTag) throw new Error('ALTO has no Page element');
  const width = num(pageTag, 'WIDTH');
  const height = num(pageTag, 'HEIGHT');
  if (!(width > 0 && height > 0)) throw new Error('ALTO Page has no usable WIDTH/HEIGHT');
  const sx = pageWidth / width;
  const sy = pageHeight / height;
  if (Math.abs(sx / sy - 1) > 0.02) throw new Error(`ALTO page ${width}×${height} does not match the PDF page's aspect ratio`);
  const box = (tag: string): Rect => {
    const x = num(tag, 'HPOS') * sx;
    const y = num(tag, 'VPOS') * sy;
    return [x, y, x + num(tag, 'WIDTH') * sx, y + num(tag, 'HEIGHT') * sy];
  };
  const blocks: AltoBlock[] = [];
  // One pass over the tags that matter, in document order.
  const re = /<(?:\w+:)?(TextBlock|TextLine|String|HYP)\b[^>]*>/g;
  let block: AltoBlock | null = null;
  let line: AltoLine | null = null;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const [tag, name] = m;
    if (name === 'TextBlock') {
      block = { lines: [] };
      blocks.push(block);
      line = null;
    } else if (name === 'TextLine') {
      if (!block) blocks.push((block = { lines: [] }));
      line = { words: [], rect: box(tag), hyphen: false };
      block.lines.push(line);
    } else if (name === 'String' && line) {
      const rect = box(tag);
      if (!rect.every(Number.isFinite)) continue;
      const word: AltoWord = { text: unescapeXml(attr(tag, 'CONTENT') ?? ''), rect };
      const subs = attr(tag, 'SUBS_TYPE');
      if (subs === 'HypPart1' || subs === 'HypPart2') {
        word.hyphenPart = subs === 'HypPart1' ? 1 : 2;
        const whole = attr(tag, 'SUBS_CONTENT');
        if (whole !== undefined) word.whole = unescapeXml(whole);
      }
      line.words.push(word);
    } else if (name === 'HYP' && line) line.hyphen = true;
  }
  return { width, height, blocks };
}

/**
 * The ALTO of one page of a document: an ALTO file holds one Page element per
 * scanned page (Library of Congress files hold one). Null when the file has
 * no Page at `index`; throws as parseAlto does when it cannot be this page's.
 */
export function referenceParseAltoPage(xml: string, index: number, pageWidth: number, pageHeight: number): AltoPage | null {
  const starts = [...xml.matchAll(/<(?:\w+:)?Page\b/g)].map((m) => m.index);
  if (index < 0 || index >= starts.length) return null;
  return referenceParseAlto(xml.slice(starts[index], index + 1 < starts.length ? starts[index + 1] : xml.length), pageWidth, pageHeight);
}
