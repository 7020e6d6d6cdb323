import type { DocumentSummary } from '../../core/library-model.ts';
import { PageViews } from '../library/page-views.ts';
import { SHA256_RE } from '../library/library-store.ts';
import { pruneOrphanPreviews } from '../previews/preview-files.ts';
import { PreviewService } from '../previews/preview-service.ts';
import { errorLine, LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { printable } from './printable.ts';
import { plural } from '../../core/plural.ts';

/**
 * `broadsheet previews`: what the app does in the background after an
 * import, at once and for all to see: each scanned page's downscaled preview
 * (previews/ in the library) and each page's compact view for the reader. A
 * library can be readied this way before it is opened (or served), and the
 * lines say which pages got no preview and why.
 */
export const previewsCommand: Command = {
  name: 'previews',
  summary: 'make the page previews and compact page views the reader shows at once (the app makes them in the background)',
  usage: 'previews [--library DIR] [ID…]',
  optionHelp: [LIBRARY_OPTION_HELP, 'ID…             only these documents (default: every document, listing those it made something for)'],
  options: { library: { type: 'string' } },
  async run({ values, positionals }, io) {
    const bad = positionals.find((id) => !SHA256_RE.test(id));
    if (bad !== undefined) throw new UsageError(`not a document id: ${printable(bad)} (expected 64 hex digits, as broadsheet list prints)`);
    const store = openExistingLibrary(values.library);
    const views = new PageViews(store);
    const previews = new PreviewService(store);
    try {
      // Previews of documents no longer in the library (removed by an older version, or while a host was making them).
      const pruned = pruneOrphanPreviews(store.dir, (id) => store.has(id));
      if (pruned) io.out(`removed the previews of ${plural(pruned, 'document')} no longer in the library\n`);
      const named = positionals.length > 0;
      const docs = named ? positionals.map((id) => store.get(id) ?? id) : store.list({ sort: 'imported' });
      let failed = 0;
      const totals = { made: 0, present: 0, without: 0, views: 0 };
      for (const doc of docs) {
        if (typeof doc === 'string') {
          io.err(errorLine(`${doc}: no such document in ${printable(store.dir)}`));
          failed++;
          continue;
        }
        const done = await readyDocument(doc, views, previews);
        // Every document is looked at, but only those that lacked something are listed (or those asked for by id).
        if (named || done.made || done.decided || done.views) io.out(`${doc.id} ${printable(doc.fileName)}: ${countsLine(done)}\n`);
        totals.made += done.made;
        totals.present += done.present;
        totals.without += [...done.without.values()].reduce((a, b) => a + b, 0);
        totals.views += done.views;
      }
      io.out(`previews made ${totals.made}, already present ${totals.present}, pages without ${totals.without}; page views made ${totals.views}\n`);
      return failed ? 1 : 0;
    } finally {
      await previews.close();
      store.close();
    }
  },
};

interface DocumentDone {
  /** Previews made by this run, and those already there before it. */
  made: number;
  present: number;
  /** Pages without a preview, by reason (decided now or by an earlier run); `decided` of them decided now. */
  without: Map<string, number>;
  decided: number;
  /** Page views made by this run. */
  views: number;
}

/** Makes what one document lacks: its pages' views and previews, telling what was made from what was there. */
async function readyDocument(doc: DocumentSummary, views: PageViews, previews: PreviewService): Promise<DocumentDone> {
  const done: DocumentDone = { made: 0, present: 0, without: new Map(), decided: 0, views: 0 };
  for (const n of views.missing(doc.id)) if (views.fill(doc.id, n)) done.views++;
  if (doc.kind !== 'pdf') return done;
  for (let n = 1; n <= doc.pageCount; n++) {
    const before = previews.state(doc.id, n);
    if (before === 'ready') {
      done.present++;
      continue;
    }
    if (before === 'pending' && (await previews.ensure(doc.id, n))) {
      done.made++;
      continue;
    }
    const why = previews.noneReason(doc.id, n) ?? 'not made';
    done.without.set(why, (done.without.get(why) ?? 0) + 1);
    if (before === 'pending') done.decided++;
  }
  return done;
}

/** "previews made 1, already present 0, 1 without (rotated scan); page views made 1" */
function countsLine(d: DocumentDone): string {
  const without = [...d.without].map(([why, k]) => `, ${k} without (${why})`).join('');
  return `previews made ${d.made}, already present ${d.present}${without}; page views made ${d.views}`;
}
