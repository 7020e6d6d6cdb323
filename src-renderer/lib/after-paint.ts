/**
 * Resolves in a task after the next frame has been produced: work started
 * then (a large response to parse, a chunk to compile) no longer delays the
 * paint of what is already in the DOM. A hidden window produces no frames,
 * so it resolves after `limitMs` at the latest.
 */
export function afterNextPaint(limitMs = 100): Promise<void> {
  return new Promise((done) => {
    const limit = setTimeout(done, limitMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(limit);
        done();
      }, 0),
    );
  });
}
