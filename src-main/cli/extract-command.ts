import { basename } from 'node:path';
import { cleanPageWithAlto } from '../../core/cleaning/clean-page.ts';
import { rawText, type ExtractJson } from '../../core/page-model.ts';
import { linkPhotos } from '../../core/photos/link-photos.ts';
import { readImportFile } from '../library/import-paths.ts';
import { detectKind, importError } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { sha256 } from '../library/library-store.ts';
import { CommandFailure, UsageError, type Command } from './command.ts';
import { printable } from './printable.ts';
import { readAlto } from '../library/alto-sidecar.ts';

export { siblingAlto } from '../library/alto-sidecar.ts';

/** `extract FILE [--json]`: the page model of one file, touching no library. */
export async function extractCommand(file: string, json: boolean, out: (s: string) => void): Promise<void> {
  const read = readImportFile(file);
  if (!('bytes' in read)) throw new CommandFailure(printable(importError(file, read.reason)));
  const { bytes } = read;
  const kind = detectKind(file, bytes);
  if (kind !== 'pdf' && kind !== 'text') throw new CommandFailure(printable(importError(file, kind)));
  const alto = kind === 'pdf' ? readAlto(file) : null;
  const model: ExtractJson = { schema: 2, file: basename(file), sha256: sha256(bytes), pages: [] };
  try {
    await inThreadProcessor.process(kind, bytes, (page) => {
      const raw = page.raw;
      let cleaned = page.cleaned;
      // The ALTO that came with a scan gives its layout and its photos' places (core/cleaning/clean-page.ts).
      if (alto) cleaned = cleanPageWithAlto(raw, alto);
      model.pages.push({
        number: raw.number,
        width: raw.width,
        height: raw.height,
        raw: rawText(raw.items),
        layout: cleaned.layout,
        blocks: cleaned.blocks.map(({ id, kind: k, text, rects }) => ({ id, kind: k, text, rects })),
        photos: cleaned.photos,
      });
    });
  } catch (err) {
    throw new CommandFailure(printable(importError(file, (err as Error).message)), { cause: err });
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
