export interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** Where the other panel should scroll so both show the same fraction of their text. */
export function proportionalScrollTop(source: ScrollBox, target: Pick<ScrollBox, 'scrollHeight' | 'clientHeight'>): number {
  const range = source.scrollHeight - source.clientHeight;
  const fraction = range > 0 ? source.scrollTop / range : 0;
  return Math.round(fraction * Math.max(0, target.scrollHeight - target.clientHeight));
}
