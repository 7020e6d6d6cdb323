/**
 * The one inline script the page may run: src-renderer/public/first-screen-input.js, which the build writes into
 * index.html's head (scripts/build/inline-start-parts.ts) so that it has run before the kept first screen is drawn.
 * Its SHA-256, base64: the build refuses to write a script whose hash is not this one (edit the script, then this).
 */
export const FIRST_SCREEN_INPUT_SHA256 = '+fHMulK0KxaSf6qDQnw3xES3u3QeCcAhRSJzBmBCSbA=';

/**
 * The one Content-Security-Policy for the renderer, in both hosts. No inline
 * script but the one above, no eval, nothing from another origin; pdf.js's worker is a file of
 * our own. Styles allow inline attributes because Svelte sets style props.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${FIRST_SCREEN_INPUT_SHA256}'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
