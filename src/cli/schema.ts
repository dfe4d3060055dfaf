#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { PUBLISHED_SCHEMAS } from '../data/schema.js';
import { parseCommandLine, readOptions, typedPaths } from './args.js';
import type { Io } from './io.js';
import { fileFailure, isMainModule, runAsProcess, writeFilesStoppably } from './io.js';

export const USAGE = `Usage: npm run schema -- [--check] [--out <dir>]

Writes the JSON Schemas of the data files (generated from the zod schemas) to schema/.
  --check   write nothing; exit 1 if a committed schema differs
`;

/** JSON Schema text per file name, generated from the zod schemas. */
export function jsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    json.$id = name;
    out.set(name, `${JSON.stringify(json, null, 2)}\n`);
  }
  return out;
}

export async function schemaCommand(argv: string[], io: Io): Promise<number> {
  const read = readOptions('schema', USAGE, io, () => {
    const { values } = parseCommandLine(argv, { check: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean' } });
    return values.help ? 'help' : values;
  });
  if ('exit' in read) return read.exit;
  const values = read.options;
  const dir = resolve(io.cwd, values.out === undefined ? 'schema' : typedPaths(io)(values.out));
  const schemas = jsonSchemas();
  if (values.check) {
    const stale = [...schemas].filter(([name, text]) => {
      try {
        return readFileSync(join(dir, name), 'utf8') !== text;
      } catch {
        return true;
      }
    });
    if (stale.length > 0) {
      io.stderr.write(`schema --check: ${stale.map(([n]) => n).join(', ')} out of date; run npm run schema.\n`);
      return 1;
    }
    io.stdout.write('JSON Schemas are up to date.\n');
    return 0;
  }
  let written;
  try {
    written = await writeFilesStoppably('schema', io, new Map([...schemas].map(([name, text]) => [join(dir, name), text])));
  } catch (error) {
    const failed = fileFailure('could not write', error, dir, io.cwd);
    if (failed === undefined) throw error;
    io.stderr.write(`schema: ${failed}; nothing written.\n`);
    return 2;
  }
  if (written !== 0) return written;
  io.stdout.write(`Wrote ${[...schemas.keys()].join(', ')} to ${values.out ?? 'schema'}/.\n`);
  return 0;
}

if (isMainModule(import.meta.url, 'schema')) runAsProcess(schemaCommand);
