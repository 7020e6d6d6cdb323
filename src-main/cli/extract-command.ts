import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { rawText, type ExtractJson } from '../../core/page-model.ts';
import { linkPhotos } from '../../core/photos/link-photos.ts';
import { detectKind, importError } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { sha256 } from '../library/library-store.ts';

/** `extract FILE [--json]`: the page model of one file, touching no library. */
export async function extractCommand(file: string, json: boolean, out: (s: string) => void): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new Error(importError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`), { cause: err });
  }
  const kind = detectKind(file, bytes);
  if (kind !== 'pdf' && kind !== 'text') throw new Error(importError(file, kind));
  const model: ExtractJson = { schema: 2, file: basename(file), sha256: sha256(bytes), pages: [] };
  try {
    await inThreadProcessor.process(kind, bytes, (raw, cleaned) => {
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
    throw new Error(importError(file, (err as Error).message), { cause: err });
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
