import { closeSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, writeFileSync, writeSync, existsSync, lstatSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { asFileError, FileError } from './errors.js';

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** A folder stands where a file is to be written: nothing was written. Said as the system's EISDIR is. */
export class TargetIsFolderError extends FileError {
  constructor(path: string) {
    super(path, 'it is a folder, not a file');
  }
}

/** What StagedFiles.add wrote: its size in bytes and the sha256 of its bytes, base64. */
export interface StagedFile {
  bytes: number;
  sha256: string;
}

/** Bytes gathered per write: one system call (and one hash update) per small piece is slow. */
const BLOCK = 1 << 16;
/** UTF-16 units of a long string encoded per step: at most 3 bytes each, so a step always fits a block. */
const STEP = BLOCK / 4;

/**
 * Text encoded straight into one reused block and written to `fd` from it as the block fills: no
 * joined string and no Buffer per write (at 100,000 entries a Buffer.from of each 64 KiB of
 * papers.bib, and of each 400 KiB page, was most of the writing's garbage). The bytes are the UTF-8
 * of the pieces joined; `hash`, when given, is updated with them. Returns how many bytes were written.
 */
export function writeTextPieces(fd: number, pieces: Iterable<string>, hash?: Hash): number {
  return writeJoined(fd, joinedSmall(pieces), hash);
}

/** Small pieces joined up to about this many UTF-16 units before they are encoded. */
const JOIN = 8192;

/**
 * The pieces, small ones joined: encoding one piece costs a call into C++ whatever its size, and the
 * data cache and the READMEs come as hundreds of thousands of pieces of a few dozen characters at
 * 100,000 entries. A piece of JOIN units or more passes as it is.
 */
function* joinedSmall(pieces: Iterable<string>): Generator<string> {
  // Gathered in an array and joined once: `+=` would make a tree of the pieces first.
  const pending: string[] = [];
  let units = 0;
  for (const piece of pieces) {
    if (piece.length >= JOIN) {
      if (units > 0) yield pending.join('');
      pending.length = 0;
      units = 0;
      yield piece;
      continue;
    }
    pending.push(piece);
    units += piece.length;
    if (units >= JOIN) {
      yield pending.join('');
      pending.length = 0;
      units = 0;
    }
  }
  if (units > 0) yield pending.join('');
}

function writeJoined(fd: number, pieces: Iterable<string>, hash?: Hash): number {
  const block = Buffer.allocUnsafe(BLOCK);
  let used = 0;
  let bytes = 0;
  const flush = () => {
    for (let at = 0; at < used; ) at += writeSync(fd, block, at, used - at);
    hash?.update(block.subarray(0, used));
    bytes += used;
    used = 0;
  };
  // A high surrogate ending a piece waits for the next piece: the pair it may start encodes as one
  // character, as in the pieces joined.
  let held = '';
  for (let piece of pieces) {
    if (held) {
      piece = held + piece;
      held = '';
    }
    if (piece.length > 0 && isHighSurrogate(piece.charCodeAt(piece.length - 1))) {
      held = piece.slice(-1);
      piece = piece.slice(0, -1);
    }
    // A UTF-16 unit is at most 3 bytes of UTF-8: a piece that surely fits is written without measuring it.
    if (piece.length * 3 <= BLOCK - used) {
      used += block.write(piece, used);
      continue;
    }
    for (let start = 0; start < piece.length; ) {
      let end = Math.min(piece.length, start + STEP);
      // Never between the two halves of a surrogate pair: each half alone would be encoded as U+FFFD.
      if (end < piece.length && isHighSurrogate(piece.charCodeAt(end - 1))) end--;
      const part = start === 0 && end === piece.length ? piece : piece.slice(start, end);
      if (part.length * 3 > BLOCK - used && Buffer.byteLength(part) > BLOCK - used) flush();
      used += block.write(part, used);
      start = end;
    }
  }
  if (held) {
    if (held.length * 3 > BLOCK - used) flush();
    used += block.write(held, used);
  }
  flush();
  return bytes;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * Files written one by one to temporary siblings and renamed into place together by commit(), so
 * that either all of them change or none does; abort() removes what was staged. A caller producing
 * many large files stages each as soon as it is made and keeps none of them in memory.
 */
export class StagedFiles {
  private staged: [string, string][] = [];
  /** Folders add() made (pages/en/ for a first pages/en/x.md): abort() removes them too, if still empty. */
  private folders: string[] = [];

  /**
   * Stage `content` for `path`: one string or buffer, or pieces written one after another. Returns
   * its size in bytes and the sha256 of those bytes (base64), hashed as they are written.
   */
  add(path: string, content: string | Uint8Array | Iterable<string>): StagedFile {
    try {
      return this.write(path, content);
    } catch (error) {
      // Said of the file asked for: the system's error names the temporary sibling.
      throw asFileError(path, error);
    }
  }

  private write(path: string, content: string | Uint8Array | Iterable<string>): StagedFile {
    // The first folder mkdir made, if any: it and the ones below it, up to the file's, are this stage's.
    const made = mkdirSync(dirname(path), { recursive: true });
    if (made !== undefined) {
      const first = resolve(made);
      for (let dir = resolve(dirname(path)); ; dir = dirname(dir)) {
        this.folders.push(dir);
        if (dir === first || dir === dirname(dir)) break;
      }
    }
    const temp = tempName(path);
    // Listed before writing, so abort() also removes a file left half-written by an error.
    this.staged.push([temp, path]);
    if (content instanceof Uint8Array) {
      writeFileSync(temp, content);
      return { bytes: content.length, sha256: createHash('sha256').update(content).digest('base64') };
    }
    const fd = openSync(temp, 'w');
    try {
      const hash = createHash('sha256');
      const bytes = writeTextPieces(fd, typeof content === 'string' ? [content] : content, hash);
      return { bytes, sha256: hash.digest('base64') };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Rename every staged file into place. A folder standing where a file goes is found before any
   * rename, so that one bad target cannot leave the others changed (README.md written, papers.bib not).
   */
  commit(): void {
    for (const [, path] of this.staged) {
      if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new TargetIsFolderError(path);
    }
    for (const [temp, path] of this.staged) {
      try {
        renameSync(temp, path);
      } catch (error) {
        throw asFileError(path, error);
      }
    }
    this.staged = [];
    this.folders = [];
  }

  abort(): void {
    for (const [temp] of this.staged) rmSync(temp, { force: true });
    this.staged = [];
    // The deepest first; one that something else has meanwhile put a file in stays.
    for (const dir of this.folders.sort((a, b) => b.length - a.length)) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty, or gone already.
      }
    }
    this.folders = [];
  }
}

/**
 * Write several files so that either all of them change or none does: every file is written to a
 * temporary sibling first, and only when all are written are they renamed into place.
 */
export function writeFilesAtomic(files: ReadonlyMap<string, string>): void {
  const stage = new StagedFiles();
  try {
    for (const [path, content] of files) stage.add(path, content);
    // commit() refuses a folder target before any rename: what was staged must go then too.
    stage.commit();
  } catch (error) {
    stage.abort();
    throw error;
  }
}

/** A write stopped by its AbortSignal before it renamed anything into place: what it staged is removed. */
export class WriteStoppedError extends Error {
  constructor(readonly reason: unknown) {
    super(`the write was stopped (${String(reason)}); what it had staged was removed`);
  }
}

/** How many files are staged between two looks at the AbortSignal (each look lets the event loop run once). */
const FILES_PER_LOOK = 64;

/** What a stoppable write is told: the signal that stops it, and `onLook(staged)` called at each look at it (tests pause there). */
export interface StopOptions {
  signal: AbortSignal;
  onLook?: ((staged: number) => Promise<void> | void) | undefined;
}

/** One look at the signal: onLook, then the event loop runs once (a signal handler may abort); stopped, it throws WriteStoppedError. */
async function look(options: StopOptions, staged: number): Promise<void> {
  await options.onLook?.(staged);
  await new Promise((resolve) => setImmediate(resolve));
  if (options.signal.aborted) throw new WriteStoppedError(options.signal.reason);
}

/**
 * writeFilesAtomic that `options.signal` can stop while it stages: it looks at the signal every
 * `every` files (default 64: a look costs one turn of the event loop) and once more before the
 * renames. Stopped, it removes what it staged and throws WriteStoppedError; no file has changed. The
 * renames, once begun, run to the end. Files may come lazily (each made as the one before is staged);
 * returns what StagedFiles.add said of each, in their order.
 */
export async function writeFilesAtomicStoppable(
  files: Iterable<readonly [string, string | Uint8Array | Iterable<string>]>,
  options: StopOptions & { every?: number },
): Promise<StagedFile[]> {
  const every = options.every ?? FILES_PER_LOOK;
  const stage = new StagedFiles();
  const made: StagedFile[] = [];
  try {
    if (options.signal.aborted) throw new WriteStoppedError(options.signal.reason);
    for (const [path, content] of files) {
      made.push(stage.add(path, content));
      if (made.length % every === 0) await look(options, made.length);
    }
    if (made.length % every !== 0 || made.length === 0) await look(options, made.length);
    stage.commit();
  } catch (error) {
    stage.abort();
    throw error;
  }
  return made;
}

/**
 * Create a whole directory tree atomically: build it beside the target, then rename it into place.
 * Refuses to replace a directory that has files in it, unless `replace` is set (a build output such
 * as site/): the old tree is then moved aside and removed only once the new one is in place.
 */
export function writeTreeAtomic(target: string, files: ReadonlyMap<string, string | Uint8Array>, options: { replace?: boolean } = {}): void {
  try {
    for (const _ of treeSteps(target, files, options));
  } catch (error) {
    throw asFileError(target, error);
  }
}

/**
 * writeTreeAtomic that `signal` can stop while it stages: it lets the event loop run every few files
 * (so that a signal handler can abort), and once more before the renames. Stopped, it removes its
 * staging folder and throws WriteStoppedError with the signal's reason; the target is left as it was.
 * Once the renames have begun it runs to the end. `onLook(staged)` is called at each look (tests pause there).
 */
export async function writeTreeAtomicStoppable(target: string, files: ReadonlyMap<string, string | Uint8Array>, options: StopOptions & { replace?: boolean }): Promise<void> {
  const { signal } = options;
  if (signal.aborted) throw new WriteStoppedError(signal.reason);
  const steps = treeSteps(target, files, options);
  let staged = 0;
  for (let step = nextStep(steps, target); !step.done; ) {
    if (step.value === 'file' && ++staged % FILES_PER_LOOK !== 0) {
      step = nextStep(steps, target);
      continue;
    }
    try {
      await look(options, staged);
    } catch (error) {
      // throw() resumes the steps with the error where they stand: their own clean-up removes the staging folder.
      step = nextStep(steps, target, error);
      continue;
    }
    step = nextStep(steps, target);
  }
}

/** The tree's next step (or `thrown` thrown in at this one); a file system error is said of `target`, the folder asked for. */
function nextStep(steps: Generator<'file' | 'commit', void, undefined>, target: string, thrown?: unknown): IteratorResult<'file' | 'commit', void> {
  try {
    return thrown === undefined ? steps.next() : steps.throw(thrown);
  } catch (error) {
    throw asFileError(target, error);
  }
}

/**
 * writeTreeAtomic's work as steps: 'file' after each file staged, 'commit' once all are, before the
 * first rename. An error thrown in at a step removes what was staged, as any error while staging does.
 */
function* treeSteps(target: string, files: ReadonlyMap<string, string | Uint8Array>, options: { replace?: boolean }): Generator<'file' | 'commit', void, undefined> {
  // A link to nothing stands there: the rename would fail with "not a directory", which says nothing of why.
  if (!existsSync(target) && lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new FileError(target, 'it is a symbolic link to something that does not exist; remove the link or give another folder');
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    if (!options.replace) throw new Error(`${target} exists and is not empty; choose a new directory, or remove it first`);
    const fresh = tempName(target);
    try {
      yield* writeTree(fresh, files);
      yield 'commit';
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      throw error;
    }
    const old = tempName(target);
    renameSync(target, old);
    renameSync(fresh, target);
    rmSync(old, { recursive: true, force: true });
    return;
  }
  const temp = tempName(target);
  try {
    yield* writeTree(temp, files);
    yield 'commit';
    if (existsSync(target)) rmSync(target, { recursive: true });
    mkdirSync(dirname(target), { recursive: true });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Each folder made once: a data directory has 100,000 files in a dozen folders. */
function* writeTree(root: string, files: ReadonlyMap<string, string | Uint8Array>): Generator<'file', void, undefined> {
  const made = new Set<string>();
  for (const [relative, content] of files) {
    const path = join(root, relative);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, content);
    yield 'file';
  }
}

/**
 * Write a cache file: a temporary sibling, then rename. A cache is only a shortcut, so this never
 * throws (a read-only checkout, or a folder standing where the file goes) and never leaves the
 * temporary file behind; it says whether the file was written.
 */
export function writeCacheFile(file: string, content: string | Uint8Array): boolean {
  const temp = tempName(file);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, content);
    renameSync(temp, file);
    return true;
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Its folder is unusable: no temporary file was made.
    }
    return false;
  }
}
