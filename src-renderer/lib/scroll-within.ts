/**
 * Where a scroller must scroll to bring a child into view, computed on the
 * scroller alone. Element.scrollIntoView also scrolls every scrollable
 * ancestor, the document included: "Next change" once pushed the whole window
 * up by ~44 px, hiding the top bar. Measure, then set the one scrollTop.
 */
export interface Span {
  /** Child's top relative to the scroller's content (scrollTop-independent). */
  top: number;
  height: number;
}

export type Placement = 'center' | 'nearest' | 'start';

export function revealScrollTop(child: Span, scrollTop: number, viewHeight: number, maxScroll: number, placement: Placement): number {
  let target: number;
  if (placement === 'start') target = child.top;
  else if (placement === 'center') target = child.top - (viewHeight - child.height) / 2;
  else if (child.top < scrollTop) target = child.top;
  else if (child.top + child.height > scrollTop + viewHeight) target = Math.min(child.top, child.top + child.height - viewHeight);
  else target = scrollTop;
  return Math.round(Math.min(Math.max(0, target), Math.max(0, maxScroll)));
}

/**
 * As little scrolling as shows `first` and `then` together, whole: a chosen photo's card and its links, stacked below
 * the cards in a narrow panel. Revealing the links alone left the card's top cut off though both fitted. Where they do
 * not fit together, `first` comes whole to the top, `then` below it as far as there is room: revealing the links alone
 * there cut the chosen card (37 px of it in the default layout's Photos panel, 236 px high; all of it for the second
 * photo), and the card is what the archivist chose.
 */
export function revealPairScrollTop(first: Span, then: Span, scrollTop: number, viewHeight: number, maxScroll: number): number {
  const top = Math.min(first.top, then.top);
  const both = { top, height: Math.max(first.top + first.height, then.top + then.height) - top };
  if (both.height <= viewHeight) return revealScrollTop(both, scrollTop, viewHeight, maxScroll, 'nearest');
  return revealScrollTop(first, scrollTop, viewHeight, maxScroll, 'start');
}

function spanWithin(scroller: HTMLElement, child: HTMLElement): Span {
  const rect = child.getBoundingClientRect();
  return { top: rect.top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop, height: rect.height };
}

/** Scrolls `scroller` alone so that `first` and `then` are in view together where they fit (revealPairScrollTop). */
export function scrollPairWithin(scroller: HTMLElement, first: HTMLElement, then: HTMLElement): void {
  const top = revealPairScrollTop(spanWithin(scroller, first), spanWithin(scroller, then), scroller.scrollTop, scroller.clientHeight, scroller.scrollHeight - scroller.clientHeight);
  if (top !== Math.round(scroller.scrollTop)) scroller.scrollTo({ top });
}

/** Scrolls `scroller` (and nothing else) so that `child` (an element, or a range of its text) is in view. */
export function scrollWithin(scroller: HTMLElement, child: HTMLElement | Range, placement: Placement, behavior: ScrollBehavior = 'auto'): void {
  const box = scroller.getBoundingClientRect();
  // A Range: a few words inside a long block (a search hit), brought into view rather than the whole block.
  const rect = child.getBoundingClientRect();
  const span = { top: rect.top - box.top - scroller.clientTop + scroller.scrollTop, height: rect.height };
  const top = revealScrollTop(span, scroller.scrollTop, scroller.clientHeight, scroller.scrollHeight - scroller.clientHeight, placement);
  if (top !== Math.round(scroller.scrollTop)) scroller.scrollTo({ top, behavior });
}

/**
 * Scrolls `scroller` both ways, as little as brings `child` wholly into view (or its start, when it is larger): a
 * search hit on a zoomed page, which may lie right of or below what is shown.
 */
export function revealWithin(scroller: HTMLElement, child: HTMLElement): void {
  const box = scroller.getBoundingClientRect();
  const rect = child.getBoundingClientRect();
  const top = revealScrollTop({ top: rect.top - box.top - scroller.clientTop + scroller.scrollTop, height: rect.height }, scroller.scrollTop, scroller.clientHeight, scroller.scrollHeight - scroller.clientHeight, 'nearest');
  const left = revealScrollTop({ top: rect.left - box.left - scroller.clientLeft + scroller.scrollLeft, height: rect.width }, scroller.scrollLeft, scroller.clientWidth, scroller.scrollWidth - scroller.clientWidth, 'nearest');
  if (top !== Math.round(scroller.scrollTop) || left !== Math.round(scroller.scrollLeft)) scroller.scrollTo({ top, left });
}
