import { firstVisible, followerScrollTop, leaderSpot, type Extent, type OffsetAnchors } from './offset-anchor.ts';

/**
 * Scrolls the raw and cleaned panels in step through the offset map: the
 * first cleaned block in view brings the raw item it came from to the same
 * height, and the first raw item in view brings the block holding its text.
 *
 * Anchor elements: in the raw panel `[data-item]` markers (one empty span at
 * the start of each raw line, naming its first item), in the cleaned panel `[data-block-index]`.
 * Setting the follower's scrollTop fires a scroll event there; we remember
 * the value we set and swallow that echo, so the panels never chase each other.
 */
export function createScrollLink(anchors: () => OffsetAnchors | null) {
  let raw: HTMLElement | null = null;
  let cleaned: HTMLElement | null = null;
  const echoes = new WeakMap<HTMLElement, number>();
  let pending: HTMLElement | null = null;
  let frame = 0;

  function extents(scroller: HTMLElement, selector: string): { els: HTMLElement[]; extentOf: (i: number) => Extent } {
    const markers = selector === '[data-item]';
    const els = [...scroller.querySelectorAll<HTMLElement>(selector)];
    const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
    const tops = new Map<number, number>();
    const topOf = (i: number) => {
      let t = tops.get(i);
      if (t === undefined) tops.set(i, (t = els[i].getBoundingClientRect().top - origin));
      return t;
    };
    // Raw markers are empty spans: an item reaches down to where the next one starts.
    const extentOf = (i: number): Extent => {
      const top = topOf(i);
      if (!markers) return { top, height: els[i].getBoundingClientRect().height };
      return { top, height: (i + 1 < els.length ? topOf(i + 1) : scroller.scrollHeight) - top };
    };
    return { els, extentOf };
  }

  function sync(leader: HTMLElement) {
    const map = anchors();
    const follower = leader === raw ? cleaned : raw;
    if (!map || !follower) return;
    const fromRaw = leader === raw;
    const lead = extents(leader, fromRaw ? '[data-item]' : '[data-block-index]');
    const at = firstVisible(lead.els.length, lead.extentOf, leader.scrollTop);
    if (at < 0) return;
    const spot = leaderSpot(lead.extentOf(at), leader.scrollTop);
    const index = Number(lead.els[at].dataset[fromRaw ? 'item' : 'blockIndex']);
    const target = fromRaw ? map.toCleaned({ index, fraction: spot.fraction }) : map.toRaw({ index, fraction: spot.fraction });
    if (!target) return;
    const follow = extents(follower, fromRaw ? '[data-block-index]' : '[data-item]');
    // Raw markers sit at line starts: the item's line is the last marker at or before it.
    let i = -1;
    for (let k = 0; k < follow.els.length; k++) {
      const at = Number(follow.els[k].dataset[fromRaw ? 'blockIndex' : 'item']);
      if (at > target.index) break;
      i = k;
      if (at === target.index) break;
    }
    if (i < 0) return;
    const exact = Number(follow.els[i].dataset[fromRaw ? 'blockIndex' : 'item']) === target.index;
    const max = follower.scrollHeight - follower.clientHeight;
    const top = leader.scrollTop <= 0 ? 0 : followerScrollTop(follow.extentOf(i), exact ? target.fraction : 0, spot.gap, max);
    if (Math.abs(follower.scrollTop - top) <= 1) return;
    follower.scrollTop = top;
    // Read back: the browser clamps, and the echo carries the clamped value.
    echoes.set(follower, follower.scrollTop);
  }

  function onScroll(e: Event) {
    const el = e.currentTarget as HTMLElement;
    const expected = echoes.get(el);
    if (expected !== undefined) {
      echoes.delete(el);
      if (Math.abs(el.scrollTop - expected) <= 1) return;
    }
    // One layout pass per frame however many scroll events arrive.
    pending = el;
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        const leader = pending;
        pending = null;
        if (leader) sync(leader);
      });
  }

  const attach = (role: 'raw' | 'cleaned') => (el: HTMLElement) => {
    if (role === 'raw') raw = el;
    else cleaned = el;
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      if (raw === el) raw = null;
      if (cleaned === el) cleaned = null;
    };
  };

  return {
    /** Svelte attachments: {@attach link.raw} / {@attach link.cleaned} on the scroll containers. */
    raw: attach('raw'),
    cleaned: attach('cleaned'),
  };
}
