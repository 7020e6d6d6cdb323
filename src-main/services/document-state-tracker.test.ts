import { describe, expect, it } from 'vitest';
import { rewritePages, useTwoConnections } from '../../test-support/two-connections.ts';
import { importFiles } from '../library/import-service.ts';
import { inThreadProcessor } from '../library/in-thread-processor.ts';
import { LibraryStore } from '../library/library-store.ts';
import { DocumentStateTracker } from './document-state-tracker.ts';
import { changedDocuments, readDocumentStates } from './document-states.ts';

/** The tracker reads only what was added, yet must say exactly what reading every document's state says. */
describe('DocumentStateTracker', () => {
  const lib = useTwoConnections('broadsheet-state-tracker-', (dir) => new LibraryStore(dir));

  const text = (s: string) => ({ name: `${s}.txt`, bytes: Buffer.from(`${s} page one\f${s} page two\f${s} page three\n`) });

  it('answers as reading everything does, after additions (read alone) and after updates, rewrites and removals (read whole)', async () => {
    const { app, cli } = lib;
    const tracker = new DocumentStateTracker(app.db);
    await importFiles(cli, inThreadProcessor, [text('first')]);
    expect(tracker.update()).toBeNull();
    let states = readDocumentStates(app.db);
    const step = () => {
      const next = readDocumentStates(app.db);
      const expected = changedDocuments(states, next);
      states = next;
      const got = tracker.update();
      expect(got).toEqual(expected);
      return got!;
    };

    // Another process imports two documents: additions only, read alone.
    const [b, c] = (await importFiles(cli, inThreadProcessor, [text('second'), text('third')])).map((r) => r.id!);
    expect(step()).toEqual({ ids: [b, c].sort(), pages: [] });
    expect(tracker.fullReads).toBe(1);

    // An import still under way: its pages are stored, its document row is not yet there.
    const pending = cli.begin('d'.repeat(64), 'text', 'pending.txt', 10);
    const [page] = cli.db.prepare('SELECT raw, raw_items, cleaned FROM pages WHERE doc_id = ? AND number = 1').all(b) as Array<{ raw: string; raw_items: Uint8Array; cleaned: string }>;
    pending.addPageJson(1, { json: page.raw, items: page.raw_items }, page.cleaned as never);
    expect(step()).toEqual({ ids: [], pages: [] });
    expect(tracker.fullReads).toBe(1);
    pending.abort();
    step();

    // A document's pages written again, its row updated, a document removed: each read whole, each answered alike.
    rewritePages(cli, b);
    expect(step()).toEqual({ ids: [b], pages: [b] });
    cli.db.prepare("UPDATE documents SET title = 'Renamed' WHERE id = ?").run(c);
    expect(step()).toEqual({ ids: [c], pages: [c] });
    cli.removeDocuments([c]);
    expect(step()).toEqual({ ids: [c], pages: [] });
    expect(tracker.fullReads).toBeGreaterThan(1);

    // And additions after that are read alone again.
    const reads = tracker.fullReads;
    const [e] = (await importFiles(cli, inThreadProcessor, [text('fifth')])).map((r) => r.id!);
    expect(step()).toEqual({ ids: [e], pages: [] });
    expect(tracker.fullReads).toBe(reads);
  });
});
