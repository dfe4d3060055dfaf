/*
 * Why a file operation failed, in plain words: the system's own text ("ENOENT: no such file or
 * directory, open '/tmp/.x.1234.tmp'") names its code and, for a write, a hidden temporary file.
 * Every command says it with these words and the path the user gave.
 */

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  // What mkdir -p says when a file stands where one of the folders goes.
  EEXIST: 'a part of the path is a file, not a folder',
  ENOTEMPTY: 'the folder is not empty',
  ELOOP: 'the path goes round in a loop of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'it is in use',
  EIO: 'the disk could not be read or written',
  EXDEV: 'it is on another disk than its folder',
  EINVAL: 'the path is not valid here',
};

/** The system's error code of `error` (ENOENT, EACCES, …), or undefined when it carries none. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * Why a file operation failed, in plain words ("no such file or folder", "permission denied"), or
 * undefined when `error` is not the file system's (the caller's own error, a bug).
 */
export function whyFileFailed(error: unknown): string | undefined {
  if (error instanceof FileError) return error.reason;
  const code = codeOf(error);
  if (code === undefined) return undefined;
  return REASONS[code] ?? 'the system refused it';
}

/** A file operation that failed on `path`, the file the user asked for (never a temporary name), and why. */
export class FileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** `error` as a FileError on `path` when it is the file system's; any other error as it is. */
export function asFileError(path: string, error: unknown): unknown {
  if (error instanceof FileError) return error;
  const reason = whyFileFailed(error);
  return reason === undefined ? error : new FileError(path, reason);
}
