/**
 * A file's place inside what was dropped or picked ("sn83045462/reel01/
 * 1859022101/0007.pdf"), sent beside its bytes so an NDNP batch dropped on
 * the window is planned from its batch, title, reel and issue folders like
 * one imported from disk. It comes from outside (a page, a bridge caller),
 * so it is held to a narrow shape: relative, '/'-separated, no '.', '..' or
 * empty parts, no backslash, drive or control character, bounded in length
 * and depth. It only ever names entries of an in-memory tree, never a path
 * on disk.
 */
export const MAX_UPLOAD_PATH = 1024;
export const MAX_UPLOAD_DEPTH = 32;

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/** Why `path` is not a safe relative path for a file named `name`, or null. */
export function uploadPathProblem(path: string, name: string): string | null {
  if (path.length === 0) return 'empty path';
  if (path.length > MAX_UPLOAD_PATH) return `path longer than ${MAX_UPLOAD_PATH} characters`;
  if (FORBIDDEN.test(path)) return 'path with a backslash or a control character';
  if (path.startsWith('/') || /^[a-z]:/i.test(path)) return 'absolute path';
  const parts = path.split('/');
  if (parts.length > MAX_UPLOAD_DEPTH) return `path deeper than ${MAX_UPLOAD_DEPTH} folders`;
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return "path with an empty, '.' or '..' part";
  if (parts.some((p) => p.length > 255)) return 'path part longer than 255 characters';
  if (parts.at(-1) !== name) return 'path does not end with the file name';
  return null;
}

/**
 * The relative path a browser gives a dropped or picked file (an entry's
 * fullPath "/batch/a.pdf", or webkitRelativePath "batch/a.pdf"), as sent:
 * undefined when it is only the name or is not safe (the file is then
 * imported by its name alone, as before).
 */
export function toUploadPath(raw: string | undefined, name: string): string | undefined {
  const path = (raw ?? '').replace(/^\/+/, '');
  if (!path || path === name) return undefined;
  return uploadPathProblem(path, name) ? undefined : path;
}
