import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureBundle } from '../scripts/run.mjs';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Bundle every command once before the test files start, so the files that spawn commands in
 * parallel find them built instead of each building the same bundle at the same time.
 */
export default async function setup(): Promise<void> {
  const cli = join(ROOT, 'src', 'cli');
  const commands = readdirSync(cli)
    .filter((name) => name.endsWith('.ts') && readFileSync(join(cli, name), 'utf8').startsWith('#!'))
    .map((name) => name.slice(0, -'.ts'.length));
  await Promise.all(commands.map((command) => ensureBundle(command, ROOT)));
}
