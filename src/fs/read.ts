import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';

/**
 * A file's bytes, or undefined when there is no regular file to read: missing, a link, a folder, a
 * pipe or a device. Opened without following a link or waiting on a pipe, then checked to be a
 * regular file: a named pipe where a cache file should be cannot hang a command (it did), and a
 * committed README.md that links elsewhere is never read (build-readme --check would print it).
 */
export function readRegularFile(path: string): Buffer | undefined {
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

/** readRegularFile as UTF-8 text; undefined as there. */
export function readRegularText(path: string): string | undefined {
  return readRegularFile(path)?.toString('utf8');
}
