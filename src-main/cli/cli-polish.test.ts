import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText } from '../../core/page-text.ts';
import { AnnotationService } from '../library/annotation-service.ts';
import { LibraryStore } from '../library/library-store.ts';
import { CJK, cli } from './testing/run-cli.ts';

let tmp: string;
let lib: string;
let ids: string[];
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'broadsheet-cli-polish-'));
  lib = join(tmp, 'lib');
  // Two text dumps and a PDF: three ids to tell apart by their first digits.
  writeFileSync(join(tmp, 'a.txt'), 'First dump.\n');
  writeFileSync(join(tmp, 'b.txt'), 'Second dump.\n');
  expect(cli('import', '--library', lib, CJK, join(tmp, 'a.txt'), join(tmp, 'b.txt')).status).toBe(0);
  const store = new LibraryStore(lib);
  ids = store.list().map((d) => d.id);
  const cjk = store.list().find((d) => d.fileName === 'cjk-overprint.pdf')!;
  const blocks = store.page(cjk.id, 1)!.blocks;
  const at = pageText(blocks).indexOf(blocks[3].text);
  new AnnotationService(store).create([{ docId: cjk.id, page: 1, start: at, end: at + 6 }], { note: 'one', tags: [], colour: 'blue' }, 'Ada');
  store.close();
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('CLI messages', () => {
  it('counts one annotation in the singular', () => {
    const out = join(tmp, 'one.jsonld');
    const r = cli('annotations', 'export', '--library', lib, '--out', out);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', `exported 1 annotation to ${out}\n`]);
  });

  it('list on an empty library says so on stderr; stdout stays clean, and --json prints []', () => {
    const empty = join(tmp, 'empty');
    new LibraryStore(empty).close();
    expect(cli('list', '--library', empty)).toEqual({ status: 0, stdout: '', stderr: `no documents in ${empty}\n` });
    expect(cli('list', '--library', empty, '--json')).toEqual({ status: 0, stdout: '[]\n', stderr: '' });
  });
});

describe('a document id abbreviated as git abbreviates a commit', () => {
  /** The shortest prefix (8 digits at least) that only `id` starts with. */
  const unique = (id: string) => {
    for (let n = 8; n < 64; n++) if (ids.filter((o) => o.startsWith(id.slice(0, n))).length === 1) return id.slice(0, n);
    return id;
  };

  it('text takes a unique prefix of 8 or more hex digits, in either case, and prints what the whole id prints', () => {
    const dump = new LibraryStore(lib);
    const a = dump.list().find((d) => d.fileName === 'a.txt')!.id;
    dump.close();
    const whole = cli('text', '--library', lib, a);
    expect([whole.status, whole.stdout]).toEqual([0, 'First dump.\n']);
    expect(cli('text', '--library', lib, unique(a))).toEqual(whole);
    expect(cli('text', '--library', lib, unique(a).toUpperCase())).toEqual(whole);
  });

  it('an unknown or too short prefix is a one-line error', () => {
    const unknown = [...'0123456789abcdef'].map((c) => c.repeat(8)).find((p) => !ids.some((id) => id.startsWith(p)))!;
    expect(cli('text', '--library', lib, unknown)).toEqual({ status: 1, stdout: '', stderr: `broadsheet: no document id starts with ${unknown} in ${lib} (see broadsheet list)\n` });
    expect(cli('text', '--library', lib, 'abc1234')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'broadsheet: not a document id: abc1234 (expected 64 hex digits as broadsheet list prints them, or the first 8 or more)\n',
    });
  });

  it('remove and annotations export --doc take a prefix too; an ambiguous one removes nothing', () => {
    // Ambiguity needs two ids sharing 8 digits: a library's ids rarely do, so one is made to (the document row only).
    const store = new LibraryStore(lib);
    const twin = ids[0].slice(0, 8) + 'f'.repeat(56) === ids[0] ? ids[0].slice(0, 8) + 'e'.repeat(56) : ids[0].slice(0, 8) + 'f'.repeat(56);
    store.db.prepare('CREATE TEMP TABLE twin AS SELECT * FROM documents WHERE id = ?').run(ids[0]);
    store.db.prepare('UPDATE twin SET id = ?').run(twin);
    store.db.exec('INSERT INTO documents SELECT * FROM twin');
    store.close();
    const prefix = ids[0].slice(0, 8);
    const first = [ids[0], twin].sort();
    ids.push(twin);
    const r = cli('remove', '--library', lib, prefix);
    expect(r).toEqual({ status: 1, stdout: '', stderr: `broadsheet: ${prefix} is ambiguous in ${lib}: two document ids start with it (${first.map((d) => d.slice(0, 12) + '…').join(', ')}); give more digits\n` });
    expect((JSON.parse(cli('list', '--library', lib, '--json').stdout) as unknown[]).length).toBe(4);
    // One digit more than the twins share tells them apart.
    const doc = cli('annotations', 'export', '--library', lib, '--format', 'csv', '--doc', unique(ids[0]));
    expect(doc.status, doc.stderr).toBe(0);
  });
});
