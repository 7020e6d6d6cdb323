import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText } from '../../core/page-text.ts';
import { AnnotationService } from '../library/annotation-service.ts';
import { LibraryStore } from '../library/library-store.ts';
import { CJK, cli } from './testing/run-cli.ts';

describe('broadsheet annotations export / import', () => {
  let tmp: string;
  let libA: string;
  let libB: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'broadsheet-anno-cli-'));
    libA = join(tmp, 'a');
    libB = join(tmp, 'b');
    expect(cli('import', '--library', libA, CJK).status).toBe(0);
    expect(cli('import', '--library', libB, CJK).status).toBe(0);
    // Annotate library A the way the app does.
    const store = new LibraryStore(libA);
    const service = new AnnotationService(store);
    const [doc] = store.list();
    const blocks = store.page(doc.id, 1)!.blocks;
    // No articles yet: said on stderr, stdout stays one article a line (none).
    const none = cli('article', '--library', libA, '--list');
    expect([none.status, none.stdout, none.stderr]).toEqual([0, '', 'no articles in this library yet (group blocks into one with Articles… in the app)\n']);
    const text = pageText(blocks);
    service.create([{ docId: doc.id, page: 1, start: text.indexOf(blocks[3].text), end: text.indexOf(blocks[3].text) + 6 }], { note: 'a, "b"\nc', tags: ['x'], colour: 'blue' }, 'Ada');
    service.create([{ docId: doc.id, page: 1, area: [10, 10, 60, 60] }], { note: '', tags: [], colour: 'yellow' }, 'Ada');
    store.close();
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('exports W3C JSON-LD, imports it into another library holding the same documents, and exports the same bytes', () => {
    const out = join(tmp, 'a.jsonld');
    const exp = cli('annotations', 'export', '--library', libA, '--format', 'w3c', '--out', out);
    expect(exp.status, exp.stderr).toBe(0);
    expect(exp.stderr).toBe(`exported 2 annotations to ${out}\n`);
    const first = readFileSync(out, 'utf8');
    expect(JSON.parse(first)).toMatchObject({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 2 });

    const imp = cli('annotations', 'import', '--library', libB, out);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.stdout).toBe(`imported 2, updated 0, already present 0, rejected 0 (library: ${libB})\n`);
    const again = cli('annotations', 'import', '--library', libB, out);
    expect(again.stdout).toMatch(/^imported 0, updated 0, already present 2, rejected 0/);
    expect(cli('annotations', 'export', '--library', libB).stdout).toBe(first);
  });

  it('exports notes as CSV', () => {
    const r = cli('annotations', 'export', '--library', libA, '--format', 'csv');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe('id,document,newspaper,date,page,quote,note,tags,colour,creator,created,modified,pageNewspaper');
    expect(r.stdout).toContain(',"a, ""b""\nc",x,blue,Ada,');
  });

  it('imports the good annotations of a mixed file and names each bad one by index and reason', () => {
    const good = JSON.parse(cli('annotations', 'export', '--library', libA).stdout).first.items;
    const fresh = { ...good[0], id: 'urn:uuid:5b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b' };
    const unknown = { ...good[0], id: 'urn:uuid:6b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b', target: { ...good[0].target, source: `urn:sha256:${'1'.repeat(64)}` } };
    const wrongType = { ...good[0], id: 'urn:uuid:7b7e6a3c-1f2d-4c5e-8a9b-0c1d2e3f4a5b', body: [{ type: 'TextualBody', purpose: 'tagging', value: 42 }] };
    const file = join(tmp, 'mixed.json');
    writeFileSync(file, JSON.stringify([unknown, fresh, wrongType]));
    const r = cli('annotations', 'import', '--library', libB, file);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${file}: annotation 1: target[0]: unknown document urn:sha256:${'1'.repeat(64)} (not in this library)\n` +
        `${file}: annotation 3: body[0].value: should be a string, not the number 42\n`,
    );
    expect(r.stdout).toMatch(/^imported 1, updated 0, already present 0, rejected 2/);
  });

  it('refuses malformed files with one line naming the file, and changes nothing', () => {
    const before = cli('annotations', 'export', '--library', libB).stdout;
    const cases: Array<[string, string | null, RegExp]> = [
      ['bad.json', '{"type": "AnnotationCollection", "first": {"items": [', /bad\.json: not JSON: /],
      ['wrong.json', '{"type": "AnnotationPage", "items": 7}', /wrong\.json: AnnotationPage has no items/],
      ['other.json', '{"hello": "world"}', /other\.json: expected a W3C AnnotationCollection/],
      ['latin1.json', null, /latin1\.json: not UTF-8 text/],
      ['huge.json', null, /huge\.json: 100\.0 MB is larger than the 32\.0 MB limit for annotation files/],
      ['missing.json', null, /missing\.json: no such file/],
    ];
    for (const [name, body, want] of cases) {
      const file = join(tmp, name);
      if (body !== null) writeFileSync(file, body);
      if (name === 'latin1.json') writeFileSync(file, Buffer.from([0x5b, 0xe9, 0x5d]));
      if (name === 'huge.json') {
        writeFileSync(file, '');
        truncateSync(file, 100 * 1024 * 1024); // sparse: costs no disk, and must not be read
      }
      const r = cli('annotations', 'import', '--library', libB, file);
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(want);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
    }
    expect(cli('annotations', 'export', '--library', libB).stdout).toBe(before);
  });

  it('says so when --library is not a library, and checks its options', () => {
    expect(cli('annotations', 'export', '--library', join(tmp, 'nope')).stderr).toMatch(/nope: not a Broadsheet library/);
    expect(cli('annotations', 'export', '--library', libA, '--format', 'xml').stderr).toMatch(/--format must be w3c or csv/);
    expect(cli('annotations', 'frobnicate').stderr).toMatch(/annotations needs "export" or "import"/);
  });

  it('prints a document\'s cleaned and corrected text, and an article with its notes', () => {
    const store = new LibraryStore(libA);
    const service = new AnnotationService(store);
    const [doc] = store.list();
    const blocks = store.page(doc.id, 1)!.blocks;
    service.correct(doc.id, 1, blocks[3].id, blocks[3].text + '（更正）', 'typo', 'Ada');
    const article = service.saveArticle({ title: 'Two blocks', parts: [blocks[3], blocks[4]].map((b) => ({ docId: doc.id, page: 1, blockId: b.id })) });
    store.close();
    const cleaned = cli('text', '--library', libA, '--layer', 'cleaned', doc.id);
    expect(cleaned.stdout).toBe(pageText(blocks) + '\n');
    const corrected = cli('text', '--library', libA, doc.id);
    expect(corrected.stdout).toBe(cleaned.stdout.replace(blocks[3].text, blocks[3].text + '（更正）'));
    expect(cli('article', '--library', libA, '--list').stdout).toBe(`${article.id}\t2\tTwo blocks\n`);
    const md = cli('article', '--library', libA, article.id).stdout;
    expect(md.startsWith(`# Two blocks\n\n${blocks[3].text}（更正）\n\n${blocks[4].text}\n`)).toBe(true);
    // Its id's first 8 characters name it as a document's do; fewer, or a prefix of none, say so in one line.
    expect(cli('article', '--library', libA, article.id.slice(0, 8).toUpperCase()).stdout).toBe(md);
    const none = cli('article', '--library', libA, 'ffffffff-0');
    expect([none.status, none.stderr]).toEqual([1, 'broadsheet: no article id starts with ffffffff-0 (see broadsheet article --list)\n']);
  });
});
