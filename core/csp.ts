/**
 * The one Content-Security-Policy for the renderer, in both hosts. No inline
 * script, no eval, nothing from another origin; pdf.js's worker is a file of
 * our own. Styles allow inline attributes because Svelte sets style props.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
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
