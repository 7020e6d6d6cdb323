// @ts-check
/*
 * What the archivist does on the first screen kept from the last start (core/first-screen.ts), noted from the first
 * moment it can be: the build writes this small script into index.html's head (scripts/build/inline-start-parts.ts),
 * so it has run before the kept screen is drawn, long before the app's bundle has been parsed and run. lib/first-screen.ts hands it all to the app once the app's own first rows are
 * in. A plain script, not part of the bundle, so that it need not wait for it.
 */
(() => {
  const ID = 'broadsheet-first-screen';
  const FIELDS = 'input, select, textarea';
  /** @type {Array<{ kind: 'click', path: number[] } | { kind: 'key', init: KeyboardEventInit }>} */
  const taken = [];
  const keptScreen = () => document.getElementById(ID);

  /** The element's place under `root`: the index of each element on the way down. */
  const pathOf = (/** @type {Element} */ el, /** @type {Element} */ root) => {
    /** @type {number[]} */
    const path = [];
    for (let at = el; at !== root; ) {
      const parent = at.parentElement;
      if (!parent) return null;
      path.unshift(Array.prototype.indexOf.call(parent.children, at));
      at = parent;
    }
    return path;
  };

  /** @param {MouseEvent} e */
  const onClick = (e) => {
    const kept = keptScreen();
    const target = /** @type {Element} */ (e.target);
    // A field takes its own clicks (focus, caret); a button's is the app's to answer, once it is there.
    if (!kept || !kept.contains(target) || target.closest(FIELDS)) return;
    e.preventDefault();
    const path = pathOf(target, kept);
    if (path) taken.push({ kind: 'click', path });
  };
  /** @param {KeyboardEvent} e */
  const onKey = (e) => {
    // Typed into a field of the kept screen, a key stays there (handed over as its value); Tab moves its focus
    // (handed over too); Enter or Space on one of its buttons comes back as a click. The rest is the app's.
    const kept = keptScreen();
    if (!kept || kept.contains(/** @type {Node} */ (e.target)) || e.key === 'Tab') return;
    const { key, code, ctrlKey, shiftKey, altKey, metaKey, repeat } = e;
    taken.push({ kind: 'key', init: { key, code, ctrlKey, shiftKey, altKey, metaKey, repeat } });
  };
  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKey, true);
  // For lib/first-screen.ts: what was taken, the same paths for the focus, and an end to the taking once it has handed over.
  /** @type {any} */ (window).broadsheetFirstScreen = {
    taken,
    pathOf,
    stop() {
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('keydown', onKey, true);
    },
  };
  performance.mark('broadsheet:first-screen-input');
})();
