import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { looksLikeIssueMets, parseIssueMets } from './issue-mets.ts';

/**
 * Finds the NDNP issues in a folder (a batch, a title, a reel or one issue
 * folder) and plans their import: each page's PDF with the metadata its
 * issue METS gives and its ALTO file; the JP2 and TIFF images and the XML
 * files a batch carries are accounted for as skipped, each with its reason.
 */

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
  /** Every file the plan accounts for (pages, ALTO, images, METS): the plain importer leaves these alone. */
  claimed: Set<string>;
}

const LCCN_DIR = /^[a-z]{1,3}\d{8,10}$/;
const HEAD_BYTES = 4096;
/** Larger XML files are not issue METS (those are tens of KB); ALTO pages can be MBs and need no look. */
const MAX_METS_BYTES = 16 * 1024 * 1024;

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

function lccnFromPath(path: string): string {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) if (LCCN_DIR.test(basename(dir))) return basename(dir);
  return '';
}

export function planNdnpImport(root: string): NdnpPlan {
  const plan: NdnpPlan = { pages: [], skipped: [], claimed: new Set() };
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    return plan;
  }
  if (!isDir) return plan;
  for (const xml of xmlFiles(root)) {
    if (basename(xml) === 'batch.xml') {
      plan.claimed.add(xml);
      plan.skipped.push({ path: xml, reason: 'NDNP batch manifest (its issues are read from their METS)' });
      continue;
    }
    let text: string;
    try {
      if (!looksLikeIssueMets(head(xml)) || statSync(xml).size > MAX_METS_BYTES) continue;
      text = readFileSync(xml, 'utf8');
    } catch {
      continue;
    }
    plan.claimed.add(xml);
    let issue;
    try {
      issue = parseIssueMets(text, xml);
    } catch (err) {
      plan.skipped.push({ path: xml, reason: (err instanceof Error ? err.message : String(err)).replace(`${xml}: `, '') });
      continue;
    }
    plan.skipped.push({ path: xml, reason: 'issue METS (read for the issue’s metadata)' });
    const folder = dirname(xml);
    const lccn = issue.lccn || lccnFromPath(xml);
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
      const pdf = inside(page.files.pdf);
      const alto = inside(page.files.alto);
      if (alto) plan.claimed.add(alto);
      if (!pdf) {
        plan.skipped.push({ path: xml, reason: `page ${page.sequence} has no PDF inside the issue folder` });
        continue;
      }
      plan.claimed.add(pdf);
      if (!exists(pdf)) {
        plan.skipped.push({ path: pdf, reason: `named by ${basename(xml)} for page ${page.sequence}, but missing` });
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
  plan.pages.sort((a, b) => (a.meta.issue < b.meta.issue ? -1 : a.meta.issue > b.meta.issue ? 1 : a.meta.sequence - b.meta.sequence));
  return plan;
}

function exists(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
