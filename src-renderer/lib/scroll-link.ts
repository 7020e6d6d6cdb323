import { proportionalScrollTop } from './scroll-sync.ts';

/**
 * Keeps several scrollers at the same relative position. Setting scrollTop
 * fires a scroll event on the follower; we swallow that echo so the panels
 * do not chase each other.
 */
export function createScrollLink() {
  const members = new Set<HTMLElement>();
  const echoes = new WeakMap<HTMLElement, number>();
  let enabled = true;

  function onScroll(this: HTMLElement) {
    const expected = echoes.get(this);
    if (expected !== undefined) {
      echoes.delete(this);
      if (Math.abs(this.scrollTop - expected) <= 1) return;
    }
    if (!enabled) return;
    for (const other of members) {
      if (other === this) continue;
      const top = proportionalScrollTop(this, other);
      if (Math.abs(other.scrollTop - top) <= 1) continue;
      echoes.set(other, top);
      other.scrollTop = top;
    }
  }

  return {
    /** Svelte attachment: {@attach link.attach} on a scroll container. */
    attach: (el: HTMLElement) => {
      members.add(el);
      el.addEventListener('scroll', onScroll, { passive: true });
      return () => {
        members.delete(el);
        el.removeEventListener('scroll', onScroll);
      };
    },
    setEnabled(on: boolean) {
      enabled = on;
    },
  };
}
