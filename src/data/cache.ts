import * as crypto from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../core/problem.js';
import type { Place, PlaceMemo, SourceFile } from './source.js';
import { readRegularFile } from '../fs/read.js';
import { writeTextPieces } from '../fs/write.js';

/**
 * What reading one data file gave, kept between runs (like ESLint's --cache): the validated value,
 * the file's own problems (syntax, schema, encoding) and the text rules' findings on its fields.
 *
 * A record is keyed by the file's content, never by its size or modification time: each run reads
 * every file and hashes its bytes (641 small files take a few milliseconds), so an edit that keeps
 * the size and the mtime second is still seen. The cache file is also keyed by the bundle's build
 * id (any source change is a new id), the file's path and its display path (by folder, see Header). A cache that cannot be
 * read, does not parse or has the wrong shape is ignored and rewritten: it can only ever save work,
 * never hide a problem. Cross-entry rules (duplicates, order, exceptions) run on every run.
 */

/** Set by scripts/run.mjs when it bundles a command: a hash of every source file it was built from. */
declare const __TOOL_BUILD__: string | undefined;

/** JSON Lines: see Header. */
export const DATA_CACHE_FILE = 'data.jsonl';
const FORMAT = 'data-cache-v3';
const NEWLINE = 0x0a;

export interface FileRecord {
  /** The file decoded as UTF-8 (false: an encoding problem, no text, no value). */
  decoded: boolean;
  /** The parsed and validated value; undefined when the file has errors. */
  value: unknown;
  problems: Problem[];
  /** The text rules' findings on the file's fields, before exceptions; set by the linter. */
  text?: Problem[] | undefined;
  /** Places of values asked for (placeOf), by the JSON of their path. */
  places?: Record<string, Place> | undefined;
}

/**
 * The problems of a file that has none: one shared array rather than an empty one per file (at
 * 100,000 papers, 200,000 objects the collector would copy). Records are only ever read.
 */
export const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

/** A new record, with every field it may get later already there: an added field costs each record an object of its own (V8's out-of-object properties). */
export function newRecord(decoded: boolean, value: unknown, problems: Problem[]): FileRecord {
  return { decoded, value, problems: problems.length === 0 ? NO_PROBLEMS : problems, text: undefined, places: undefined };
}

/** A folder's records: file name → [content hash, record]. */
type FolderRecords = Map<string, [string, FileRecord]>;

/*
 * On disk, one JSON value per line (JSON never holds a raw line break): first the header
 * {"format", "build"}, then ["<absolute folder>\0<display folder>", { "<name>": [hash, record], … }]
 * for up to SAVE_CHUNK files of a folder. The two paths of a folder are written once, not once per
 * file (at 100,000 papers the keys were a third of the file), a lookup hashes a short name, and the
 * file is read back a line at a time from its bytes: never one string of the whole cache, which at
 * 100,000 papers was a transient 90 MB.
 */
interface Header {
  format: string;
  build: string;
}

function isRecord(value: unknown): value is FileRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Partial<FileRecord>;
  return (
    typeof r.decoded === 'boolean' &&
    Array.isArray(r.problems) &&
    (r.text === undefined || Array.isArray(r.text)) &&
    (r.places === undefined || (r.places !== null && typeof r.places === 'object' && !Array.isArray(r.places)))
  );
}

/** One-shot hashing (Node 20.12+, below the engines' floor) costs a fraction of a Hash object for a small file. */
export function contentHash(bytes: Uint8Array): string {
  return crypto.hash('sha256', bytes, 'base64');
}

/** The records of one folder of data/, by file name (read.ts asks for each folder once). */
export class CacheFolder {
  constructor(
    private readonly cache: DataCache,
    private readonly old: FolderRecords | undefined,
    private readonly fresh: FolderRecords,
  ) {}

  /** The record of the file `name` in this folder with these bytes, when the cache has it. */
  get(name: string, hash: string): FileRecord | undefined {
    const known = this.old?.get(name);
    if (!known || known[0] !== hash) return undefined;
    this.fresh.set(name, known);
    return known[1];
  }

  set(name: string, hash: string, record: FileRecord): void {
    this.fresh.set(name, [hash, record]);
    this.cache.learnt();
  }

  /** The places asked for in a file's text (DataCache.places). */
  places(record: FileRecord): PlaceMemo {
    return this.cache.places(record);
  }
}

/** A record's places (one small object per file: no closures). */
class RecordPlaces implements PlaceMemo {
  constructor(
    readonly cache: DataCache,
    readonly record: FileRecord,
  ) {}

  get(key: string): Place | undefined {
    const place = this.record.places?.[key];
    return place && typeof place.line === 'number' && typeof place.column === 'number' ? place : undefined;
  }

  set(key: string, place: Place): void {
    (this.record.places ??= {})[key] = place;
    this.cache.learnt();
  }
}

/** Records per write when saving: the file is written in pieces, never built as one string. */
const SAVE_CHUNK = 2000;

export class DataCache {
  /** Records of this run by folder key, written back by save(): files no longer read are dropped. */
  private readonly fresh = new Map<string, FolderRecords>();
  private constructor(
    private readonly path: string,
    private readonly build: string,
    private readonly old: ReadonlyMap<string, FolderRecords>,
    /** How many sound records `old` holds: a run that finds them all again, and learns nothing, writes nothing. */
    private readonly oldCount: number,
    /** Whether save() has anything to write: an unusable or empty file is replaced even when no record is new. */
    private dirty: boolean,
  ) {}

  /**
   * The cache in `dir`, or undefined when there is no build id to key it on (the sources run unbundled,
   * as in unit tests): then nothing is cached. A missing or unreadable file is an empty cache.
   */
  static open(dir: string | false | undefined, build: string | undefined = typeof __TOOL_BUILD__ === 'string' ? __TOOL_BUILD__ : undefined): DataCache | undefined {
    if (dir === false || dir === undefined || build === undefined) return undefined;
    const path = join(dir, DATA_CACHE_FILE);
    const old = new Map<string, FolderRecords>();
    let count = 0;
    try {
      const bytes = readRegularFile(path);
      if (!bytes) throw new Error('no cache');
      let at = bytes.indexOf(NEWLINE);
      const header = JSON.parse(bytes.toString('utf8', 0, at < 0 ? bytes.length : at)) as Partial<Header> | null;
      if (header?.format === FORMAT && header.build === build) {
        // Every line ends in a line break; what follows the last one (nothing, in a whole file) is no line.
        while (at >= 0 && at + 1 < bytes.length) {
          const from = at + 1;
          at = bytes.indexOf(NEWLINE, from);
          const line = JSON.parse(bytes.toString('utf8', from, at < 0 ? bytes.length : at)) as unknown;
          if (!Array.isArray(line) || typeof line[0] !== 'string' || !isObject(line[1])) continue;
          let records = old.get(line[0]);
          if (!records) old.set(line[0], (records = new Map()));
          for (const [name, entry] of Object.entries(line[1])) {
            if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isRecord(entry[1])) continue;
            if (!records.has(name)) count++;
            records.set(name, [entry[0], entry[1]]);
          }
        }
      }
    } catch {
      // Missing, unreadable or corrupt (a truncated last line too): start empty, and the next save rewrites it.
      old.clear();
      count = 0;
    }
    return new DataCache(path, build, old, count, count === 0);
  }

  /** How many records the cache file held: few, and loading a large list is worth a second thread (read.ts). */
  get size(): number {
    return this.oldCount;
  }

  /** The records of the folder at `absDir`, shown as `shownDir` (a record is keyed by both paths and the name). */
  folder(absDir: string, shownDir: string): CacheFolder {
    const key = `${absDir}\0${shownDir}`;
    let fresh = this.fresh.get(key);
    if (!fresh) this.fresh.set(key, (fresh = new Map()));
    return new CacheFolder(this, this.old.get(key), fresh);
  }

  /** @internal A record is new, or learnt a place: save() has something to write. */
  learnt(): void {
    this.dirty = true;
  }

  /** The places asked for in a file's text, kept with its record (a place depends only on the text). */
  places(record: FileRecord): PlaceMemo {
    return new RecordPlaces(this, record);
  }

  /**
   * The record behind a source read this run through this cache (read.ts gives each such source its
   * record's places), found from the source itself: no map of 100,000 display paths.
   */
  private recordOf(source: SourceFile): FileRecord | undefined {
    const memo = source.places;
    return memo instanceof RecordPlaces && memo.cache === this ? memo.record : undefined;
  }

  /** The text rules' findings on a file read this run, if an earlier run kept them. */
  textFindings(source: SourceFile): Problem[] | undefined {
    return this.recordOf(source)?.text;
  }

  setTextFindings(source: SourceFile, problems: Problem[]): void {
    const record = this.recordOf(source);
    if (!record) return;
    record.text = problems.length === 0 ? NO_PROBLEMS : problems;
    this.dirty = true;
  }

  /**
   * The file's text in pieces: the header line, then a line per SAVE_CHUNK records of a folder. Each
   * record is serialised alone and encoded straight into the file (fs/write.ts): no joined chunk.
   */
  private *lines(): Generator<string> {
    yield `${JSON.stringify({ format: FORMAT, build: this.build } satisfies Header)}\n`;
    for (const [key, records] of this.fresh) {
      let inLine = 0;
      for (const [name, entry] of records) {
        yield inLine === 0 ? `[${JSON.stringify(key)},{` : ',';
        yield JSON.stringify(name);
        yield ':';
        yield JSON.stringify(entry);
        if (++inLine === SAVE_CHUNK) {
          yield '}]\n';
          inLine = 0;
        }
      }
      if (inLine > 0) yield '}]\n';
    }
  }

  /**
   * Write this run's records (temp file, then rename) when anything changed; a failure costs only the
   * shortcut. The JSON is written a record at a time (lines()): one string of the whole cache
   * would double the peak memory of a large list.
   */
  save(): void {
    let count = 0;
    for (const records of this.fresh.values()) count += records.size;
    if (!this.dirty && count === this.oldCount) return;
    const temp = `${this.path}.${process.pid}.tmp`;
    let fd: number | undefined;
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      fd = openSync(temp, 'w');
      writeTextPieces(fd, this.lines());
      closeSync(fd);
      fd = undefined;
      renameSync(temp, this.path);
    } catch {
      try {
        if (fd !== undefined) closeSync(fd);
      } catch {
        // Closed or gone already: the rename below is what matters, and it did not happen.
      }
      // The temporary file may be half-written; when even its folder is unusable, there is nothing to remove.
      try {
        rmSync(temp);
      } catch {
        // ENOTDIR and the like: no file was made.
      }
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
