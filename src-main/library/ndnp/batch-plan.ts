import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import nodePath, { join } from 'node:path';
import { MAX_METS_BYTES } from '../../../core/ndnp-sniff.ts';
import { looksLikeIssueMets, parseIssueMets } from './issue-mets.ts';

/**
 * Finds the NDNP issues in a folder (a batch, a title, a reel or one issue
 * folder) and plans their import: each page's PDF with the metadata its
 * issue METS gives and its ALTO file; the JP2 and TIFF images and the XML
 * files a batch carries are accounted for as skipped, each with its reason.
 * Each METS read is accounted for as used: reading it is the import working.
 */

/** Why an issue METS is listed: it gave its pages their dates and order. */
export const METS_USED_REASON = 'issue METS (read for dates and page order)';

export interface NdnpPageMeta {
  lccn: string;
  /** Title as the METS labels it ('' when unlabelled). */
  newspaper: string;
  date: string;
  /** Edition as NDNP numbers it: "01", "02"… */
  edition: string;
  volume: string;
  number: string;
  /** One key shared by every page of an issue: lccn/date/edition. */
  issue: string;
  sequence: number;
  /** Printed page number or label; '' when the METS has none. */
  pageNumber: string;
}

export interface PlannedPage {
  pdf: string;
  alto?: string;
  meta: NdnpPageMeta;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface NdnpPlan {
  pages: PlannedPage[];
  skipped: SkippedFile[];
  /** Files read for their pages' metadata (each issue METS): used, not skipped, and reported so. */
  used: SkippedFile[];
  /** Every file the plan accounts for (pages, ALTO, images, METS): the plain importer leaves these alone. */
  claimed: Set<string>;
}

const LCCN_DIR = /^[a-z]{1,3}\d{8,10}$/;
const HEAD_BYTES = 4096;

function head(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** XML files below root, found without following links (a link could lead out of the folder or loop). */
function xmlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      let st;
      try {
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(path);
      else if (st.isFile() && /\.xml$/i.test(name)) out.push(path);
    }
  };
  walk(root);
  return out;
}

/**
 * What the planner reads: a folder on disk (the CLI, Electron's menu), or
 * the files of a drop held in memory under their relative paths
 * (memory-source.ts), so a batch dropped on the window is planned exactly
 * like one imported from disk.
 */
export interface PlanSource {
  /** Path functions of this source (node's for disk, posix for a drop). */
  path: Pick<typeof nodePath, 'basename' | 'dirname' | 'relative' | 'resolve' | 'sep'>;
  isDirectory(path: string): boolean;
  /** XML files below root, sorted by folder. */
  xmlFiles(root: string): string[];
  /** The first few KB, as text. */
  head(path: string): string;
  size(path: string): number;
  readText(path: string): string;
  isFile(path: string): boolean;
}

export const diskSource: PlanSource = {
  path: nodePath,
  isDirectory: (path) => statSync(path).isDirectory(),
  xmlFiles,
  head,
  size: (path) => statSync(path).size,
  readText: (path) => readFileSync(path, 'utf8'),
  isFile: (path) => {
    try {
      return lstatSync(path).isFile();
    } catch {
      return false;
    }
  },
};

function lccnFromPath(path: string, { basename, dirname }: PlanSource['path']): string {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) if (LCCN_DIR.test(basename(dir))) return basename(dir);
  return '';
}

export function planNdnpImport(root: string, source: PlanSource = diskSource): NdnpPlan {
  const plan: NdnpPlan = { pages: [], skipped: [], used: [], claimed: new Set() };
  let isDir: boolean;
  try {
    isDir = source.isDirectory(root);
  } catch {
    return plan;
  }
  if (!isDir) return /\.pdf$/i.test(root) ? planBesidePdf(root, source, plan) : plan;
  for (const xml of source.xmlFiles(root)) {
    if (source.path.basename(xml) === 'batch.xml') {
      plan.claimed.add(xml);
      plan.skipped.push({ path: xml, reason: 'NDNP batch manifest (its issues are read from their METS)' });
      continue;
    }
    planIssue(xml, source, plan);
  }
  plan.pages.sort((a, b) => (a.meta.issue < b.meta.issue ? -1 : a.meta.issue > b.meta.issue ? 1 : a.meta.sequence - b.meta.sequence));
  return plan;
}

/**
 * One PDF given on its own (`broadsheet import page.pdf`): a page downloaded
 * from the Library of Congress sits beside its METS (NAME.mets.xml), which
 * gives it its date, title and LCCN exactly as importing the folder does.
 * Only this PDF is planned; nothing else in the folder is touched.
 */
function planBesidePdf(pdf: string, source: PlanSource, plan: NdnpPlan): NdnpPlan {
  const mets = pdf.replace(/\.pdf$/i, '.mets.xml');
  if (!source.isFile(mets)) return plan;
  const one: NdnpPlan = { pages: [], skipped: [], used: [], claimed: new Set() };
  planIssue(mets, source, one);
  const { resolve } = source.path;
  const found = one.pages.find((p) => resolve(p.pdf) === resolve(pdf));
  if (!found) return plan;
  const page = { ...found, pdf };
  plan.pages.push(page);
  plan.used.push(...one.used);
  plan.claimed.add(mets).add(pdf);
  if (page.alto) plan.claimed.add(page.alto);
  return plan;
}

/** Reads one XML file that may be an issue METS and adds its pages (and what it accounts for) to the plan. */
function planIssue(xml: string, source: PlanSource, plan: NdnpPlan): void {
  const { basename, dirname, relative, resolve, sep } = source.path;
  const exists = (path: string) => source.isFile(path);
  let text: string;
  try {
    if (!looksLikeIssueMets(source.head(xml)) || source.size(xml) > MAX_METS_BYTES) return;
    text = source.readText(xml);
  } catch {
    return;
  }
  plan.claimed.add(xml);
  let issue;
  try {
    issue = parseIssueMets(text, xml);
  } catch (err) {
    plan.skipped.push({ path: xml, reason: (err instanceof Error ? err.message : String(err)).replace(`${xml}: `, '') });
    return;
  }
  plan.used.push({ path: xml, reason: METS_USED_REASON });
  const folder = dirname(xml);
  const lccn = issue.lccn || lccnFromPath(xml, source.path);
  const edition = issue.edition.padStart(2, '0');
  const key = `${lccn || issue.title || 'unknown'}/${issue.date}/${edition}`;
  // A METS may name only files inside its own issue folder.
  const inside = (href: string | undefined): string | null => {
    if (!href) return null;
    const path = resolve(folder, href);
    return relative(folder, path).split(sep)[0] === '..' ? null : path;
  };
  for (const page of issue.pages) {
    for (const image of [page.files.jp2, page.files.tiff]) {
      const path = inside(image);
      if (!path) continue;
      plan.claimed.add(path);
      if (exists(path)) plan.skipped.push({ path, reason: `${/\.jp2$/i.test(path) ? 'JP2' : 'TIFF'} page image (the page’s PDF is imported instead)` });
    }
    let pdf = inside(page.files.pdf);
    let alto = inside(page.files.alto);
    // Pages downloaded one by one from the Library of Congress come renamed beside their METS
    // (evening-star-1918-09-01-p1.pdf, .mets.xml, .alto.xml), while the METS still names ./0007.pdf.
    const renamed = issue.pages.length === 1 && pdf !== null && !exists(pdf) ? sibling(xml, exists) : null;
    if (renamed) ({ pdf, alto } = { pdf: renamed.pdf, alto: renamed.alto ?? alto });
    if (alto) plan.claimed.add(alto);
    if (!pdf) {
      plan.skipped.push({ path: xml, reason: `page ${page.sequence} has no PDF inside the issue folder` });
      continue;
    }
    plan.claimed.add(pdf);
    if (!exists(pdf)) {
      plan.skipped.push({ path: pdf, reason: `${basename(pdf)} is named by ${basename(xml)} for page ${page.sequence}, but missing` });
      continue;
    }
    plan.pages.push({
      pdf,
      alto: alto && exists(alto) ? alto : undefined,
      meta: {
        lccn,
        newspaper: issue.title,
        date: issue.date,
        edition,
        volume: issue.volume,
        number: issue.number,
        issue: key,
        sequence: page.sequence,
        pageNumber: page.pageNumber,
      },
    });
  }
}

/** The PDF (and ALTO) a single-page METS was saved beside under its own name: NAME.mets.xml → NAME.pdf, NAME.alto.xml. */
function sibling(metsPath: string, exists: (path: string) => boolean): { pdf: string; alto?: string } | null {
  const stem = metsPath.replace(/\.mets\.xml$/i, '');
  if (stem === metsPath) return null;
  const pdf = `${stem}.pdf`;
  if (!exists(pdf)) return null;
  return { pdf, alto: exists(`${stem}.alto.xml`) ? `${stem}.alto.xml` : undefined };
}
