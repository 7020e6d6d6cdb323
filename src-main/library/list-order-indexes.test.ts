import { describe, expect, it } from 'vitest';
import { LIBRARY_SORTS } from '../../core/library-model.ts';
import { listSql } from './library-store.ts';
import { tempLibrary } from './testing/temp-library.ts';

const lib = tempLibrary('broadsheet-list-indexes-');
const plan = (sql: string, args: string[] = []) =>
  (lib.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

describe("the document list's orders (migration 14)", () => {
  it('reads the first window of every order from its index, with no sort of the whole table', () => {
    for (const sort of LIBRARY_SORTS) expect(plan(`${listSql({ sort }).sql} LIMIT 40 OFFSET 0`)).toBe(`SCAN documents USING INDEX documents_by_${sort}`);
  });

  it('reads the whole list by one scan and a sort (walking an index would look up each row on its own)', () => {
    for (const sort of LIBRARY_SORTS) expect(plan(listSql({ sort }).wholeSql)).toBe('SCAN documents | USE TEMP B-TREE FOR ORDER BY');
  });
});
