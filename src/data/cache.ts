import * as crypto from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../core/problem.js';
import type { Place, PlaceMemo } from './source.js';

/**
 * What reading one data file gave, kept between runs (like ESLint's --cache): the validated value,
 * the file's own problems (syntax, schema, encoding) and the text rules' findings on its fields.
 *
 * A record is keyed by the file's content, never by its size or modification time: each run reads
 * every file and hashes its bytes (641 small files take a few milliseconds), so an edit that keeps
 * the size and the mtime second is still seen. The cache file is also keyed by the bundle's build
 * id (any source change is a new id), the file's path and its display path. A cache that cannot be
 * read, does not parse or has the wrong shape is ignored and rewritten: it can only ever save work,
 * never hide a problem. Cross-entry rules (duplicates, order, exceptions) run on every run.
 */

/** Set by scripts/run.mjs when it bundles a command: a hash of every source file it was built from. */
declare const __TOOL_BUILD__: string | undefined;

export const DATA_CACHE_FILE = 'data.json';
const FORMAT = 'data-cache-v1';

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

interface Stored {
  format: string;
  build: string;
  /** key → [content hash, record] */
  files: Record<string, [string, FileRecord]>;
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

export class DataCache {
  /** Records of this run, written back by save(): files no longer read are dropped. */
  private readonly fresh = new Map<string, [string, FileRecord]>();
  /** Display path → the record of this run, for the linter's per-file findings. */
  private readonly byFile = new Map<string, FileRecord>();
  private constructor(
    private readonly path: string,
    private readonly build: string,
    private readonly old: ReadonlyMap<string, [string, FileRecord]>,
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
    const old = new Map<string, [string, FileRecord]>();
    try {
      const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<Stored>;
      if (stored.format === FORMAT && stored.build === build && stored.files !== null && typeof stored.files === 'object') {
        for (const [key, entry] of Object.entries(stored.files)) {
          if (Array.isArray(entry) && typeof entry[0] === 'string' && isRecord(entry[1])) old.set(key, [entry[0], entry[1]]);
        }
      }
    } catch {
      // Missing, unreadable or corrupt: start empty, and the next save rewrites it.
    }
    return new DataCache(path, build, old, old.size === 0);
  }

  /** The record of `file` (display path) at `absPath` with these bytes, when the cache has it. */
  get(absPath: string, file: string, hash: string): FileRecord | undefined {
    const key = `${absPath}\0${file}`;
    const known = this.old.get(key);
    if (!known || known[0] !== hash) return undefined;
    this.fresh.set(key, known);
    this.byFile.set(file, known[1]);
    return known[1];
  }

  set(absPath: string, file: string, hash: string, record: FileRecord): void {
    const key = `${absPath}\0${file}`;
    this.fresh.set(key, [hash, record]);
    this.byFile.set(file, record);
    this.dirty = true;
  }

  /** The places asked for in a file's text, kept with its record (a place depends only on the text). */
  places(record: FileRecord): PlaceMemo {
    return {
      get: (key) => {
        const place = record.places?.[key];
        return place && typeof place.line === 'number' && typeof place.column === 'number' ? place : undefined;
      },
      set: (key, place) => {
        (record.places ??= {})[key] = place;
        this.dirty = true;
      },
    };
  }

  /** The text rules' findings on a file read this run, if an earlier run kept them. */
  textFindings(file: string): Problem[] | undefined {
    return this.byFile.get(file)?.text;
  }

  setTextFindings(file: string, problems: Problem[]): void {
    const record = this.byFile.get(file);
    if (!record) return;
    record.text = problems;
    this.dirty = true;
  }

  /** Write this run's records (temp file, then rename) when anything changed; a failure costs only the shortcut. */
  save(): void {
    if (!this.dirty && this.fresh.size === this.old.size) return;
    const stored: Stored = { format: FORMAT, build: this.build, files: Object.fromEntries(this.fresh) };
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.path, '..'), { recursive: true });
      writeFileSync(temp, JSON.stringify(stored));
      renameSync(temp, this.path);
    } catch {
      // The temporary file may be half-written; when even its folder is unusable, there is nothing to remove.
      try {
        rmSync(temp);
      } catch {
        // ENOTDIR and the like: no file was made.
      }
    }
  }
}
