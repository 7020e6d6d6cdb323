/** Readable reasons for file system errors, for every surface that reports a file it could not read. */

const ERRNO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  EIO: 'input/output error',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  EBUSY: 'file is busy',
  ERR_FS_FILE_TOO_LARGE: 'file too large to read',
};

/** A readable reason for a file system error: "no such file or folder", not "ENOENT". */
export function fileErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERRNO_REASONS[code]) return ERRNO_REASONS[code];
  return code ? `cannot read (${code})` : err instanceof Error ? err.message : String(err);
}
