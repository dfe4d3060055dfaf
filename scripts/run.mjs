#!/usr/bin/env node
// Runs a command from the current source: `node scripts/run.mjs <command> [args…]` runs src/cli/<command>.ts.
//
// The command is bundled with esbuild into .cache/bin/<command>-<fingerprint>/, where the fingerprint
// hashes the path, size and modification time of every file under src/, package-lock.json, tsconfig.json
// and this launcher. An edit, a `git pull` or a checkout changes the fingerprint, so the next run builds
// a fresh bundle; an unchanged tree reuses the last one. A bundle is written to a temporary folder and
// renamed into place, so concurrent runs never see half a bundle. Plain JavaScript so it needs no build.
//
// A new command needs only src/cli/<name>.ts (a shebang file whose last line is
// `if (isMainModule(import.meta.url, '<name>')) runAsProcess(<command>);`, see src/README.md) and the
// script line "<name>": "node scripts/run.mjs <name>" in package.json. The command runs because this
// launcher sets process.argv[1] to the bundle's <name>.js, the entry module's own file.
// TOOL_SOURCE_ROOT points the launcher at another checkout (tests use a temporary copy).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const LAUNCHER = fileURLToPath(import.meta.url);
/** Bundles unused (neither built nor run) for this long are removed, never sooner: a long run may still load chunks from one. */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** Every input of a bundle, as one short hash. */
function fingerprint(root) {
  const hash = createHash('sha256');
  const add = (path) => {
    const s = statSync(path, { throwIfNoEntry: false });
    hash.update(`${relative(root, path)}\0${s ? `${s.size}:${s.mtimeMs}` : '-'}\n`);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  walk(join(root, 'src'));
  for (const name of ['package-lock.json', 'tsconfig.json']) add(join(root, name));
  add(LAUNCHER);
  return hash.digest('hex').slice(0, 16);
}

/**
 * The folder holding an up-to-date bundle of src/cli/<command>.ts, built first if needed.
 * The folder sits three levels under the root (.cache/bin/<name>), as dist/src/<folder>/ does,
 * so code that finds the repository through import.meta.url ('../../../') works in both.
 */
export async function ensureBundle(command, root = process.env.TOOL_SOURCE_ROOT ?? resolve(dirname(LAUNCHER), '..')) {
  const entry = join(root, 'src', 'cli', `${command}.ts`);
  if (!/^[a-z][a-z0-9-]*$/.test(command) || !existsSync(entry)) {
    throw new LaunchError(`no command "${command}": there is no src/cli/${command}.ts.`);
  }
  const id = fingerprint(root);
  const bin = join(root, '.cache', 'bin');
  const dir = join(bin, `${command}-${id}`);
  if (existsSync(join(dir, `${command}.js`))) {
    // Marks the bundle as in use, so that pruning (by age) never removes one a running command still loads chunks from.
    try {
      const now = new Date();
      utimesSync(dir, now, now);
    } catch {
      // Another run pruned it this instant: the next run rebuilds it.
    }
    return { dir, file: join(dir, `${command}.js`), built: false };
  }

  const { build } = await import('esbuild');
  mkdirSync(bin, { recursive: true });
  const temp = join(bin, `.tmp-${command}-${process.pid}-${Date.now()}`);
  try {
    await build({
      entryPoints: { [command]: entry },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Lazily imported parts (the link checker, --fix, the anchor rule) stay separate chunks.
      splitting: true,
      outdir: temp,
      // Error messages name files relative to the repository.
      absWorkingDir: root,
      chunkNames: 'chunk-[hash]',
      // esbuild drives its own binary from its package folder: it cannot live inside a bundle. yaml (the
      // document model, for places and edits) loads from node_modules when first asked for: inlined, its
      // 250 KB were compiled on every run, also by the cached runs that never use it.
      external: ['esbuild', 'yaml'],
      // Bundled CommonJS packages (undici, …) call require(); ESM has none, so give them one.
      banner: { js: "import { createRequire as __toolRequire } from 'node:module'; const require = __toolRequire(import.meta.url);" },
      // Lets the anchor cache key on the bundle instead of on dist/ files that are not there.
      define: { __TOOL_BUILD__: JSON.stringify(id) },
      logLevel: 'silent',
    });
    try {
      renameSync(temp, dir);
    } catch (error) {
      // Another run finished the same bundle first: use theirs.
      if (!existsSync(join(dir, `${command}.js`))) throw error;
    }
  } catch (error) {
    if (error && Array.isArray(error.errors) && error.errors.length > 0) {
      const first = error.errors[0];
      const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
      throw new LaunchError(`cannot build ${command}: ${where}${first.text}`);
    }
    throw error;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  pruneOld(bin, command, dir);
  return { dir, file: join(dir, `${command}.js`), built: true };
}

function pruneOld(bin, command, keep) {
  const now = Date.now();
  for (const name of readdirSync(bin)) {
    const path = join(bin, name);
    // Old bundles of this command, and half-built ones that a killed build left behind.
    if (path === keep || !(name.startsWith(`${command}-`) || name.startsWith(`.tmp-${command}-`))) continue;
    try {
      if (now - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

export class LaunchError extends Error {}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === undefined) {
    process.stderr.write('Usage: node scripts/run.mjs <command> [arguments]\nRuns src/cli/<command>.ts, rebuilding it first when the source changed.\n');
    process.exitCode = 2;
    return;
  }
  let bundle;
  try {
    bundle = await ensureBundle(command);
  } catch (error) {
    if (!(error instanceof LaunchError)) throw error;
    process.stderr.write(`run: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  // The command reads its arguments from process.argv.slice(2), as if it were run directly.
  process.argv = [process.argv[0], bundle.file, ...args];
  await import(pathToFileURL(bundle.file).href);
}

/** Run as a program (also through a symlinked scripts/), not when imported for ensureBundle. */
function isMain() {
  try {
    return process.argv[1] !== undefined && realpathSync(resolve(process.argv[1])) === LAUNCHER;
  } catch {
    return false;
  }
}

if (isMain()) await main();
