import { PageViews } from '../library/page-views.ts';
import { SHA256_RE } from '../library/library-store.ts';
import { pruneOrphanPreviews } from '../previews/preview-files.ts';
import { PreviewService } from '../previews/preview-service.ts';
import { errorLine, LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { printable } from './printable.ts';

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
  optionHelp: [LIBRARY_OPTION_HELP, 'ID…            only these documents (default: every document lacking them)'],
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
      if (pruned) io.out(`removed the previews of ${pruned} document${pruned === 1 ? '' : 's'} no longer in the library\n`);
      const docs = positionals.length ? positionals.map((id) => store.get(id) ?? id) : store.list({ sort: 'imported' });
      let failed = 0;
      const totals = { previews: 0, none: 0, views: 0 };
      for (const doc of docs) {
        if (typeof doc === 'string') {
          io.err(errorLine(`${doc}: no such document in ${printable(store.dir)}`));
          failed++;
          continue;
        }
        let made = 0;
        for (const n of views.missing(doc.id)) if (views.fill(doc.id, n)) made++;
        const none = new Map<string, number>();
        let ready = 0;
        if (doc.kind === 'pdf')
          for (let n = 1; n <= doc.pageCount; n++) {
            if (await previews.ensure(doc.id, n)) ready++;
            else {
              const why = previews.noneReason(doc.id, n) ?? 'not made';
              none.set(why, (none.get(why) ?? 0) + 1);
            }
          }
        const without = [...none].map(([why, k]) => `${k} without (${why})`).join(', ');
        io.out(`${doc.id} ${printable(doc.fileName)}: ${ready} ${ready === 1 ? 'preview' : 'previews'}${without ? `, ${without}` : ''}; ${made} ${made === 1 ? 'page view' : 'page views'} made\n`);
        totals.previews += ready;
        totals.none += [...none.values()].reduce((a, b) => a + b, 0);
        totals.views += made;
      }
      io.out(`previews ${totals.previews}, pages without ${totals.none}, page views made ${totals.views}\n`);
      return failed ? 1 : 0;
    } finally {
      previews.close();
      store.close();
    }
  },
};
