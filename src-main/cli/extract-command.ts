import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { cleanPage } from '../../core/cleaning/clean-page.ts';
import { rawText, type ExtractJson } from '../../core/page-model.ts';
import { altoIllustrations } from '../../core/photos/alto.ts';
import { isScannedPage } from '../../core/photos/image-photos.ts';
import { linkPhotos } from '../../core/photos/link-photos.ts';
import { readImportFile } from '../library/import-paths.ts';
import { detectKind, importError } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { sha256 } from '../library/library-store.ts';
import { UsageError, type Command } from './command.ts';
import { printable } from './printable.ts';

/** Largest ALTO file read beside a PDF. */
const MAX_ALTO_BYTES = 64 * 1024 * 1024;

/** The OCR file that came with a scan: same base name, `.alto.xml` or `.xml`. */
export function siblingAlto(pdf: string): string | null {
  for (const ext of ['.alto.xml', '.xml']) {
    const candidate = pdf.replace(/\.pdf$/i, ext);
    if (candidate !== pdf && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function readAlto(file: string): string | null {
  const alto = siblingAlto(file);
  if (!alto) return null;
  if (statSync(alto).size > MAX_ALTO_BYTES) throw new Error(importError(alto, `ALTO file larger than ${MAX_ALTO_BYTES >> 20} MB`));
  return readFileSync(alto, 'utf8');
}

/** `extract FILE [--json]`: the page model of one file, touching no library. */
export async function extractCommand(file: string, json: boolean, out: (s: string) => void): Promise<void> {
  const read = readImportFile(file);
  if (!('bytes' in read)) throw new Error(printable(importError(file, read.reason)));
  const { bytes } = read;
  const kind = detectKind(file, bytes);
  if (kind !== 'pdf' && kind !== 'text') throw new Error(printable(importError(file, kind)));
  const alto = kind === 'pdf' ? readAlto(file) : null;
  const model: ExtractJson = { schema: 2, file: basename(file), sha256: sha256(bytes), pages: [] };
  try {
    await inThreadProcessor.process(kind, bytes, (raw, cleaned) => {
      // A scan whose ALTO marks illustrations: photos come from there rather than from text-free regions.
      if (alto && isScannedPage(raw.images, raw.width, raw.height)) {
        const illustrations = altoIllustrations(alto, (k) => (k === raw.number - 1 ? raw : null))[raw.number - 1] ?? [];
        if (illustrations.length) cleaned = cleanPage({ ...raw, illustrations });
      }
      model.pages.push({
        number: raw.number,
        width: raw.width,
        height: raw.height,
        raw: rawText(raw.items),
        blocks: cleaned.blocks.map(({ id, kind: k, text, rects }) => ({ id, kind: k, text, rects })),
        photos: cleaned.photos,
      });
    });
  } catch (err) {
    throw new Error(printable(importError(file, (err as Error).message)), { cause: err });
  }
  // Photos link to paragraphs anywhere in the document, so linking waits for the last page.
  const linked = linkPhotos(model.pages);
  model.pages.forEach((page, k) => (page.photos = linked[k]));
  if (json) {
    out(JSON.stringify(model, null, 2) + '\n');
    return;
  }
  for (const page of model.pages) {
    out(`── page ${page.number} ──\n`);
    for (const block of page.blocks) out(`[${block.kind}] ${block.text}\n\n`);
  }
}

export const extractCommandSpec: Command = {
  name: 'extract',
  summary: 'print the page model of one file (raw text, cleaned blocks) without touching any library',
  usage: 'extract FILE.pdf|FILE.txt [--json]',
  optionHelp: ['--json          the page model as JSON (schema 1)'],
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('extract takes exactly one file (see broadsheet extract --help)');
    await extractCommand(positionals[0], values.json === true, io.out);
    return 0;
  },
};
