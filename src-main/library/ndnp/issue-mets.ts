import { XMLParser } from 'fast-xml-parser';
import { ISSUE_METS_TYPE, looksLikeIssueMets } from '../../../core/ndnp-sniff.ts';

/**
 * Reads an NDNP issue METS (the Library of Congress's newspaper profile,
 * followed by most newspaper digitization): the issue's date, edition,
 * volume and number, the title's LCCN, and for every page, in the issue's
 * order, its printed page number and its files (PDF, ALTO, JP2, TIFF).
 *
 * The order of the structMap's np:page divs is the page sequence; a page's
 * printed number is its MODS `detail type="page number"`, and `extent
 * unit="pages" / start` is its sequence as NDNP records it.
 */

export interface IssuePageFiles {
  pdf?: string;
  alto?: string;
  jp2?: string;
  tiff?: string;
}

export interface IssuePage {
  /** 1-based place in the issue. */
  sequence: number;
  /** Printed page number or label, '' when the METS gives none. */
  pageNumber: string;
  /** Paths relative to the METS file's folder, as written in it (./0007.pdf). */
  files: IssuePageFiles;
}

export interface IssueMets {
  lccn: string;
  /** Title as the METS labels it ("The Evening star"), '' when absent. */
  title: string;
  /** ISO date YYYY-MM-DD. */
  date: string;
  edition: string;
  volume: string;
  number: string;
  pages: IssuePage[];
}

const ISSUE_TYPE = ISSUE_METS_TYPE;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['dmdSec', 'div', 'fptr', 'file', 'fileGrp', 'detail', 'identifier'].includes(name),
  processEntities: true,
});

type Node = Record<string, unknown>;
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : v && typeof v === 'object' && '#text' in v ? String((v as Node)['#text']).trim() : '');

export { looksLikeIssueMets };

function mods(dmd: Node | undefined): Node {
  return ((((dmd?.mdWrap as Node)?.xmlData as Node)?.mods as Node) ?? {}) as Node;
}

function detail(part: Node | undefined, type: string): string {
  const d = asArray(part?.detail as Node[]).find((x) => x['@type'] === type);
  return d ? text(d.number) : '';
}

export function parseIssueMets(xml: string, source = 'METS'): IssueMets {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new Error(`${source}: not well-formed XML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, { cause: err });
  }
  const mets = doc.mets as Node | undefined;
  if (!mets || !ISSUE_TYPE.test(String(mets['@TYPE'] ?? ''))) throw new Error(`${source}: not an NDNP issue METS`);

  const dmds = new Map(asArray(mets.dmdSec as Node[]).map((d) => [String(d['@ID']), d]));
  const issueDiv = asArray((mets.structMap as Node)?.div as Node[]).find((d) => String(d['@TYPE']).endsWith('issue'));
  if (!issueDiv) throw new Error(`${source}: no np:issue in the structMap`);
  const issueMods = mods(dmds.get(String(issueDiv['@DMDID'])));
  const host = asArray(issueMods.relatedItem as Node[]).find((r) => r['@type'] === 'host');
  const lccn = text(asArray(host?.identifier as Node[]).find((i) => i['@type'] === 'lccn'));
  const part = host?.part as Node | undefined;
  const date = text((issueMods.originInfo as Node | undefined)?.dateIssued);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`${source}: no ISO dateIssued for the issue`);

  const files = new Map<string, { use: string; href: string }>();
  for (const grp of asArray((mets.fileSec as Node)?.fileGrp as Node[]))
    for (const f of asArray(grp.file as Node[])) {
      const href = String((f.FLocat as Node | undefined)?.['@href'] ?? '');
      files.set(String(f['@ID']), { use: String(f['@USE'] ?? ''), href });
    }

  const pages: IssuePage[] = asArray(issueDiv.div as Node[])
    .filter((d) => String(d['@TYPE']).endsWith('page'))
    .map((div, index) => {
      const pageMods = mods(dmds.get(String(div['@DMDID'])));
      const pagePart = pageMods.part as Node | undefined;
      const recorded = Number(text((pagePart?.extent as Node | undefined)?.start));
      const pageFiles: IssuePageFiles = {};
      for (const ptr of asArray(div.fptr as Node[])) {
        const f = files.get(String(ptr['@FILEID']));
        if (!f) continue;
        if (f.use === 'derivative' && /\.pdf$/i.test(f.href)) pageFiles.pdf = f.href;
        else if (f.use === 'ocr') pageFiles.alto = f.href;
        else if (f.use === 'service') pageFiles.jp2 = f.href;
        else if (f.use === 'master') pageFiles.tiff = f.href;
      }
      return {
        sequence: Number.isInteger(recorded) && recorded > 0 ? recorded : index + 1,
        pageNumber: detail(pagePart, 'page number'),
        files: pageFiles,
      };
    });

  return {
    lccn,
    title: String(mets['@LABEL'] ?? '').replace(/,\s*\d{4}-\d{2}-\d{2}\s*$/, '').trim(),
    date,
    edition: detail(part, 'edition') || '1',
    volume: detail(part, 'volume'),
    number: detail(part, 'issue'),
    pages,
  };
}
