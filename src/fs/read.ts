import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * A cache file's bytes, or undefined when there is none to read: missing, a link, a folder, a pipe
 * or a device. Opened without following a link or waiting on a pipe, then checked to be a regular
 * file, so a named pipe where a cache file should be cannot hang a command (it did, read whole).
 */
export function readCacheFile(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** readCacheFile as UTF-8 text; undefined as there. */
export function readCacheText(path: string): string | undefined {
  return readCacheFile(path)?.toString('utf8');
}
