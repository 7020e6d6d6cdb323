import { firstVisible, followerScrollTop, leaderSpot, type Extent, type OffsetAnchors, type Spot } from './offset-anchor.ts';

/**
 * Scrolls the raw and cleaned panels in step through the offset map: the
 * first cleaned block in view brings the raw item it came from to the same
 * height, and the first raw item in view brings the block holding its text.
 *
 * Anchor elements: in the raw panel `[data-item]` markers (one empty span at
 * the start of each raw line, naming its first item), in the cleaned panel `[data-block-index]`.
 * Setting the follower's scrollTop fires a scroll event there; we remember
 * the value we set and swallow that echo, so the panels never chase each other.
 *
 * A reveal in the cleaned panel (a search hit, j/k, a photo's paragraph: `revealed`) anchors the link on what it
 * brought into view instead of the panel's top: the raw text of a text dump (short column lines, every run drawn
 * twice) stands several times taller than its cleaned paragraphs, so with the tops in step a hit centred in the
 * cleaned panel had its raw line far below the raw panel's bottom edge (a walk: hit at source line ~450, raw panel at
 * 337–360). Until the reader scrolls or clicks in either panel, the revealed words' raw line is kept at their height.
 *
 * The follower may not have rendered its target yet (text renders in steps, lib/text-window): the link then asks it
 * with a cancelable `scrolllinkreach` event (detail: the item or block index) and, when the panel says it is adding
 * text (preventDefault), syncs again once the text is in.
 */
export const REACH_EVENT = 'scrolllinkreach';

/**
 * A panel's answer to the link's reach request, as an effect's teardown: `renderUpTo(index)` renders up to the named
 * item (raw) or block (cleaned) and says whether that is already so (true) or text is on its way (false: the link syncs
 * again once it is in).
 */
export function answerReach(panel: HTMLElement, renderUpTo: (index: number) => boolean): () => void {
  const reach = (e: Event) => {
    if (!renderUpTo((e as CustomEvent<number>).detail)) e.preventDefault();
  };
  panel.addEventListener(REACH_EVENT, reach);
  return () => panel.removeEventListener(REACH_EVENT, reach);
}

export function createScrollLink(anchors: () => OffsetAnchors | null) {
  let raw: HTMLElement | null = null;
  let cleaned: HTMLElement | null = null;
  const echoes = new WeakMap<HTMLElement, number>();
  let pending: HTMLElement | null = null;
  let frame = 0;
  /** What the last reveal in the cleaned panel brought into view, until the reader scrolls or clicks. */
  let revealedAt: Element | Range | null = null;
  /** A leader whose sync found the follower's target not rendered yet: synced again when the follower's text grows. */
  let owed: HTMLElement | null = null;

  function extents(scroller: HTMLElement, selector: string): { els: HTMLElement[]; extentOf: (i: number) => Extent; topOf: (rect: DOMRect) => number } {
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
    return { els, extentOf, topOf: (rect) => rect.top - origin };
  }

  /** The revealed words' block and place in it, and how far below the cleaned panel's top they are; null when out of view. */
  function revealedSpot(leader: HTMLElement): { index: number; fraction: number; gap: number } | null {
    const at = revealedAt;
    const node = at instanceof Range ? at.startContainer : at;
    if (!at || !node?.isConnected || !leader.contains(node)) return null;
    const block = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-block-index]');
    if (!block) return null;
    const geometry = extents(leader, '[data-block-index]');
    const blockRect = block.getBoundingClientRect();
    const top = geometry.topOf(at.getBoundingClientRect());
    const gap = top - leader.scrollTop;
    if (gap < 0 || gap > leader.clientHeight) return null;
    const blockTop = geometry.topOf(blockRect);
    const fraction = blockRect.height > 0 ? Math.min(1, Math.max(0, (top - blockTop) / blockRect.height)) : 0;
    return { index: Number(block.dataset.blockIndex), fraction, gap };
  }

  function sync(leader: HTMLElement) {
    const map = anchors();
    const follower = leader === raw ? cleaned : raw;
    if (!map || !follower) return;
    const fromRaw = leader === raw;
    let from: Spot;
    let gap: number;
    const reveal = fromRaw ? null : revealedSpot(leader);
    if (reveal) {
      from = reveal;
      gap = reveal.gap;
    } else {
      const lead = extents(leader, fromRaw ? '[data-item]' : '[data-block-index]');
      const at = firstVisible(lead.els.length, lead.extentOf, leader.scrollTop);
      if (at < 0) return;
      const spot = leaderSpot(lead.extentOf(at), leader.scrollTop);
      from = { index: Number(lead.els[at].dataset[fromRaw ? 'item' : 'blockIndex']), fraction: spot.fraction };
      gap = spot.gap;
    }
    const target = fromRaw ? map.toCleaned(from) : map.toRaw(from);
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
    const exact = i >= 0 && Number(follow.els[i].dataset[fromRaw ? 'blockIndex' : 'item']) === target.index;
    // Past the last rendered anchor: the target may not be rendered yet. The panel renders up to it and says so.
    owed = null;
    if (!exact && i === follow.els.length - 1) {
      const reach = new CustomEvent(REACH_EVENT, { detail: target.index, cancelable: true });
      if (!follower.dispatchEvent(reach)) owed = leader;
    }
    if (i < 0) return;
    const max = follower.scrollHeight - follower.clientHeight;
    const top = !reveal && leader.scrollTop <= 0 ? 0 : followerScrollTop(follow.extentOf(i), exact ? target.fraction : 0, gap, max);
    if (Math.abs(follower.scrollTop - top) <= 1) return;
    follower.scrollTop = top;
    // Read back: the browser clamps, and the echo carries the clamped value.
    echoes.set(follower, follower.scrollTop);
  }

  /** One layout pass per frame however many scroll events arrive; a reveal's sync is not displaced by the other panel's. */
  function schedule(el: HTMLElement) {
    if (!(revealedAt && pending === cleaned)) pending = el;
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        const leader = pending;
        pending = null;
        if (leader) sync(leader);
      });
  }

  function onScroll(e: Event) {
    const el = e.currentTarget as HTMLElement;
    const expected = echoes.get(el);
    if (expected !== undefined) {
      echoes.delete(el);
      if (Math.abs(el.scrollTop - expected) <= 1) return;
    }
    schedule(el);
  }

  // The reader takes over: the panels go back to keeping their tops in step.
  const release = () => (revealedAt = null);
  const inputs = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;

  const attach = (role: 'raw' | 'cleaned') => (el: HTMLElement) => {
    if (role === 'raw') raw = el;
    else cleaned = el;
    el.addEventListener('scroll', onScroll, { passive: true });
    for (const type of inputs) el.addEventListener(type, release, { passive: true });
    // The follower's text grew (the step it was asked for): the owed sync can land now.
    const grown = new MutationObserver(() => {
      if (owed && owed !== el) schedule(owed);
    });
    grown.observe(el, { childList: true, subtree: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      for (const type of inputs) el.removeEventListener(type, release);
      grown.disconnect();
      if (raw === el) raw = null;
      if (cleaned === el) cleaned = null;
    };
  };

  return {
    /** Svelte attachments: {@attach link.raw} / {@attach link.cleaned} on the scroll containers. */
    raw: attach('raw'),
    cleaned: attach('cleaned'),
    /** The cleaned panel brought `target` (a block, or a hit's words) into view: the raw panel shows its raw line. */
    revealed(target: Element | Range): void {
      revealedAt = target;
      if (cleaned) schedule(cleaned);
    },
  };
}
