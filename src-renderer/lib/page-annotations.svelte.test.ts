import { expect, it } from 'vitest';
import type { AnnotationView } from '../../core/annotations/annotation.ts';
import { PageAnnotations } from './page-annotations.svelte.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const view = (id: string, targets: Array<[string, number, boolean]>): AnnotationView => ({
  id,
  targets: targets.map(([docId, page]) => ({ docId, page, text: null, viewrect: [0, 0, 1, 1] })),
  resolved: targets.map(([, , placed], i) => ({ status: placed ? 'anchored' : 'orphan', start: null, end: null, rects: placed ? [[i, i, i + 1, i + 1]] : [] })) as AnnotationView['resolved'],
  note: '',
  tags: [],
  colour: 'yellow',
  creator: '',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  orphan: targets.some(([, , placed]) => !placed),
  newspaper: '',
  date: '',
  fileName: '',
});

it('marks every target on the page shown, and only those (an orphan’s mark has no boxes)', async () => {
  const at = { docId: A, page: 2 };
  const store = new PageAnnotations({
    list: async () => [
      view('n1', [
        [A, 2, true],
        [A, 3, true],
        [B, 2, true],
      ]),
      view('n2', [
        [A, 2, true],
        [A, 2, false],
      ]),
    ],
    where: () => at,
    fail: () => {},
  });
  await store.reset();
  expect(store.marks.map((m) => [m.id, m.rects])).toEqual([
    ['n1:0', [[0, 0, 1, 1]]],
    ['n2:0', [[0, 0, 1, 1]]],
    ['n2:1', []],
  ]);
});

it('drops an answer that arrives after the page changed, and reports a failed list', async () => {
  let at: { docId: string; page: number } | null = { docId: A, page: 1 };
  let answer!: (v: AnnotationView[]) => void;
  const errors: string[] = [];
  const store = new PageAnnotations({
    list: (docId) => (docId === A ? new Promise((r) => (answer = r)) : Promise.reject(new Error('annotations: locked'))),
    where: () => at,
    fail: (e) => errors.push((e as Error).message),
  });
  const pending = store.reset();
  at = { docId: A, page: 2 };
  answer([view('late', [[A, 1, true]])]);
  await pending;
  expect(store.items).toEqual([]);
  at = { docId: B, page: 1 };
  await store.load();
  expect(errors).toEqual(['annotations: locked']);
  at = null;
  await store.load();
  expect(store.marks).toEqual([]);
});
