/**
 * The plan of src/, executable: src/README.md says which folder may import which; this test reads
 * that table and the import graph of src/ (parsed with the TypeScript compiler, not by regex) and
 * fails on every import the plan forbids, naming file:line, the import and the rule it breaks.
 *
 * Imports come in three kinds, kept apart because they load different things:
 * - static:  `import … from`, `export … from`, `import 'x'` — loaded when the importing module loads;
 * - dynamic: `import('…')` — loaded only when that code runs (the launcher's bundles make these lazy chunks);
 * - type:    `import type …`, `export type … from` — erased by the compiler, never loaded.
 *   (`import { type A }` with only type names is kept as a static import: under verbatimModuleSyntax
 *   the statement stays in the output.)
 * The folder directions apply to all three kinds: a type import is still a dependency of the design.
 * The "never loads" rules follow what runs: static and dynamic imports for the network rule,
 * static imports only for the importer rule (a lazy chunk for --links or --fix may load more).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Kind = 'static' | 'dynamic' | 'type';

interface Import {
  /** The importing file, relative to the repository root with forward slashes (src/cli/lint-list.ts). */
  file: string;
  line: number;
  /** The statement or call as written, on one line. */
  text: string;
  /** The module specifier as written. */
  specifier: string;
  /** A file of the tree (src/…/x.ts) for a relative specifier; the package name otherwise. */
  target: string;
  kind: Kind;
}

/** The source files (path → text); paths relative to the repository root, with forward slashes. */
type Tree = ReadonlyMap<string, string>;

/** Folder → the folders it may import, as src/README.md states them. */
type Directions = ReadonlyMap<string, ReadonlySet<string>>;

/** Everything the rules need, so that a planted tree can be checked as the real one is. */
interface Plan {
  directions: Directions;
  /** Files (or folders, ending in /) outside src/cli/ that may print, read argv or exit. */
  ioAllowed: readonly string[];
}

// ---------------------------------------------------------------------------------------------------
// Reading the graph

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function readImports(file: string, text: string, tree: Tree): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: string, kind: Kind, shown: ts.Node = node) => {
    found.push({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      text: oneLine(shown.getText(source)),
      specifier,
      target: resolveSpecifier(file, specifier, tree),
      kind,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.importClause?.isTypeOnly ? 'type' : 'static');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly ? 'type' : 'static');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) add(node, argument.text, 'dynamic');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      // `typeof import('…')` in a type: erased like `import type`.
      add(node, node.argument.literal.text, 'type');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** '../links/fetch.js' from src/lint/x.ts → src/links/fetch.ts; a package specifier stays its name. */
function resolveSpecifier(file: string, specifier: string, tree: Tree): string {
  if (!specifier.startsWith('.')) return specifier;
  const path = posix.normalize(posix.join(posix.dirname(file), specifier));
  const typescript = path.replace(/\.js$/, '.ts');
  if (tree.has(typescript)) return typescript;
  if (tree.has(`${path}.ts`)) return `${path}.ts`;
  if (tree.has(`${path}/index.ts`)) return `${path}/index.ts`;
  return typescript;
}

/** src/lint/rules/year.ts → lint; a file directly in src/ has no folder. */
function folderOf(file: string): string | undefined {
  const parts = file.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

const graphs = new WeakMap<Tree, Map<string, Import[]>>();

/** Every file's imports (parsed once per tree). */
function graph(tree: Tree): Map<string, Import[]> {
  let imports = graphs.get(tree);
  if (!imports) {
    imports = new Map();
    for (const [file, text] of tree) imports.set(file, readImports(file, text, tree));
    graphs.set(tree, imports);
  }
  return imports;
}

// ---------------------------------------------------------------------------------------------------
// The directions, from src/README.md

/**
 * The table of src/README.md: rows `| \`folder\` | what it holds | \`a\`, \`b\` |`, the last cell
 * the folders it may import ("—" for none). Every folder of src/ must have a row.
 */
export function parseDirections(readme: string): Directions {
  const directions = new Map<string, Set<string>>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | `folder` | holds | may import |  →  ['', '`folder`', 'holds', 'may import', '']
    if (cells.length !== 5 || !/^`[a-z-]+`$/.test(cells[1]!)) continue;
    const folder = cells[1]!.slice(1, -1);
    const allowed = [...cells[3]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
    directions.set(folder, new Set(allowed));
  }
  return directions;
}

/** A cycle among the allowed directions, as a path a → b → … → a, or undefined. */
function directionCycle(directions: Directions): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (folder: string): string[] | undefined => {
    if (state.get(folder) === 'done') return undefined;
    if (state.get(folder) === 'open') return [...stack.slice(stack.indexOf(folder)), folder];
    state.set(folder, 'open');
    stack.push(folder);
    for (const next of [...(directions.get(folder) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(folder, 'done');
    return undefined;
  };
  for (const folder of [...directions.keys()].sort()) {
    const cycle = visit(folder);
    if (cycle) return cycle;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// The rules

function where(i: Import): string {
  return `${i.file}:${i.line}: ${i.text}`;
}

/** Rule "layers": an import from one folder into another that src/README.md does not allow. */
export function layerViolations(tree: Tree, plan: Plan): string[] {
  const out: string[] = [];
  for (const imports of graph(tree).values()) {
    for (const i of imports) {
      const from = folderOf(i.file);
      const to = i.target.startsWith('src/') ? folderOf(i.target) : undefined;
      if (from === undefined || to === undefined || from === to) continue;
      const allowed = plan.directions.get(from);
      if (allowed === undefined) {
        out.push(`${where(i)} — src/${from}/ has no row in src/README.md's table (rule: layers)`);
      } else if (!allowed.has(to)) {
        const list = allowed.size === 0 ? 'nothing' : [...allowed].sort().join(', ');
        out.push(`${where(i)} — ${from} may not import ${to} (rule: layers; src/README.md lets ${from} import ${list})`);
      }
    }
  }
  return out;
}

const IO = new Set(['stdout', 'stderr', 'stdin', 'argv', 'exit', 'exitCode']);

/** Rule "io": outside src/cli/, no process.stdout/stderr/stdin/argv/exit/exitCode and no console. */
export function ioViolations(tree: Tree, plan: Plan): string[] {
  const out: string[] = [];
  for (const [file, text] of tree) {
    if (file.startsWith('src/cli/') || plan.ioAllowed.some((a) => (a.endsWith('/') ? file.startsWith(a) : file === a))) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
        const object = node.expression.text;
        const name = node.name.text;
        if ((object === 'process' && IO.has(name)) || object === 'console') {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          out.push(`${file}:${line}: ${object}.${name} — only src/cli/ prints, reads argv or sets the exit code (rule: io)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** What installs a listener on the process; off/removeListener only take one away. */
const LISTEN = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * Rule "signals": outside src/cli/, no process.on/once/… for a signal ('SIGINT', 'SIGTERM', any 'SIG…'),
 * nor for an event named by anything but a string literal (it could be one). A handler changes what
 * Ctrl-C does to the whole process; only the command layer decides that (whileStoppable in cli/io.ts).
 * Other process events stay allowed: an 'exit' hook (data/parallel.ts: a worker thread says it is gone,
 * so the main thread does not wait on it) neither catches nor delays a signal.
 */
export function signalViolations(tree: Tree): string[] {
  const out: string[] = [];
  for (const [file, text] of tree) {
    if (file.startsWith('src/cli/')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === 'process' &&
        LISTEN.has(node.expression.name.text)
      ) {
        const event = node.arguments[0];
        const literal = event && ts.isStringLiteralLike(event) ? event.text : undefined;
        if (literal === undefined || literal.startsWith('SIG')) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          const call = `process.${node.expression.name.text}(${event ? oneLine(event.getText(source)) : ''})`;
          const why = literal === undefined ? 'an event not named by a string may be a signal; ' : '';
          out.push(`${file}:${line}: ${call} — ${why}only src/cli/ installs signal handlers (rule: signals)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The first chain of imports (of the given kinds) from `start` to a file that `bad` names, or undefined. */
function reach(imports: ReadonlyMap<string, Import[]>, start: string, kinds: readonly Kind[], bad: (i: Import) => boolean): Import[] | undefined {
  const seen = new Set([start]);
  const queue: { file: string; chain: Import[] }[] = [{ file: start, chain: [] }];
  while (queue.length > 0) {
    const { file, chain } = queue.shift()!;
    for (const i of imports.get(file) ?? []) {
      if (!kinds.includes(i.kind)) continue;
      if (bad(i)) return [...chain, i];
      if (!i.target.startsWith('src/') || seen.has(i.target)) continue;
      seen.add(i.target);
      queue.push({ file: i.target, chain: [...chain, i] });
    }
  }
  return undefined;
}

function chainText(chain: readonly Import[]): string {
  return chain.length === 1 ? '' : ` (via ${chain.slice(1).map(where).join(' → ')})`;
}

/** Modules that reach the network themselves: HTTP clients and name and socket lookups. */
const NETWORK_PACKAGES = new Set(['undici', 'node:dns', 'node:net', 'node:http', 'node:https', 'node:tls', 'node:http2']);

/**
 * Rule "offline": nothing in src/render/ or src/lint/ loads, through static or dynamic imports, a
 * module that imports a network package (undici, node:dns, node:net, node:http(s), node:tls).
 */
export function offlineViolations(tree: Tree): string[] {
  const imports = graph(tree);
  const out: string[] = [];
  for (const file of [...tree.keys()].sort()) {
    if (!file.startsWith('src/render/') && !file.startsWith('src/lint/')) continue;
    const chain = reach(imports, file, ['static', 'dynamic'], (i) => NETWORK_PACKAGES.has(i.target));
    if (chain) {
      const last = chain[chain.length - 1]!;
      out.push(`${where(chain[0]!)} — ${file} reaches the network package ${last.target}${chainText(chain)} (rule: offline)`);
    }
  }
  return out;
}

/** The commands that must start without the importer; their lazy chunks (--links, --fix) may load more. */
const WITHOUT_IMPORTER = ['src/cli/build-readme.ts', 'src/cli/lint-list.ts'];

/** Rule "no importer": build-readme and lint-list never load src/import/ through static imports. */
export function importerViolations(tree: Tree): string[] {
  const imports = graph(tree);
  const out: string[] = [];
  for (const entry of WITHOUT_IMPORTER) {
    if (!tree.has(entry)) continue;
    const chain = reach(imports, entry, ['static'], (i) => i.target.startsWith('src/import/'));
    if (chain) out.push(`${where(chain[0]!)} — ${entry} loads the importer ${chain[chain.length - 1]!.target}${chainText(chain)} (rule: no importer)`);
  }
  return out;
}

/**
 * The parsers a run needs only for a file its caches lack: js-yaml and zod (data/parse.ts), remark
 * (markdown/), mdast-util-to-markdown (render). A static import of one costs every cached run its load.
 */
const PARSER_PACKAGES = ['js-yaml', 'zod', 'unified', 'remark-parse', 'remark-stringify', 'mdast-util-to-markdown', 'mdast-util-from-markdown'];

/** Rule "lazy parsers": build-readme and lint-list reach no parser package through static imports. */
export function parserViolations(tree: Tree): string[] {
  const imports = graph(tree);
  const out: string[] = [];
  const isParser = (i: Import) => PARSER_PACKAGES.some((name) => i.target === name || i.target.startsWith(`${name}/`));
  for (const entry of WITHOUT_IMPORTER) {
    if (!tree.has(entry)) continue;
    const chain = reach(imports, entry, ['static'], isParser);
    if (chain) out.push(`${where(chain[0]!)} — ${entry} loads the parser ${chain[chain.length - 1]!.target} at start${chainText(chain)} (rule: lazy parsers)`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The real tree

function readTree(root: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) tree.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'src'));
  return tree;
}

const README = readFileSync(join(ROOT, 'src', 'README.md'), 'utf8');
const PLAN: Plan = {
  directions: parseDirections(README),
  // Allowed outside src/cli/: none today. Browser code (src/site/client/) would go here if it ever logs.
  ioAllowed: [],
};

describe('the plan of src/ (src/README.md)', () => {
  const tree = readTree(ROOT);

  it('has a row for every folder of src/, and no row for a folder that is not there', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect([...PLAN.directions.keys()].sort()).toEqual(folders);
    for (const [folder, allowed] of PLAN.directions) {
      for (const to of allowed) expect(existsSync(join(ROOT, 'src', to)), `${folder} → ${to}`).toBe(true);
    }
  });

  it('allows no cycle between folders', () => {
    expect(directionCycle(PLAN.directions)).toBeUndefined();
  });

  it('every import between folders goes a way src/README.md allows', () => {
    expect(layerViolations(tree, PLAN)).toEqual([]);
  });

  it('nothing outside src/cli/ prints, reads argv or sets the exit code', () => {
    expect(ioViolations(tree, PLAN)).toEqual([]);
  });

  it('nothing outside src/cli/ installs a signal handler', () => {
    expect(signalViolations(tree)).toEqual([]);
  });

  it('render and lint never load network code', () => {
    expect(offlineViolations(tree)).toEqual([]);
  });

  it('build-readme and lint-list never load the importer at start', () => {
    expect(importerViolations(tree)).toEqual([]);
  });

  it('build-readme and lint-list load no parser at start: a cached run needs none', () => {
    expect(parserViolations(tree)).toEqual([]);
  });

  it('every command file runs its command only as the program, under its own name', () => {
    for (const [file, text] of tree) {
      if (!file.startsWith('src/cli/') || !text.startsWith('#!')) continue;
      const name = posix.basename(file, '.ts');
      expect(text, file).toContain(`if (isMainModule(import.meta.url, '${name}'))`);
      expect(text.match(/runAsProcess\(/g), file).toHaveLength(1);
    }
  });
});

describe('the checker fails on a forbidden import', () => {
  const planted: Plan = {
    directions: parseDirections(
      [
        '| Folder | Holds | May import |',
        '| --- | --- | --- |',
        '| `cli` | commands | `core`, `render` |',
        '| `render` | README building | `core` |',
        '| `core` | the problem type | — |',
      ].join('\n'),
    ),
    ioAllowed: [],
  };

  it('names the file, line, import and the rule of a layer break', () => {
    const tree = new Map([
      ['src/cli/build.ts', "import { render } from '../render/build.js';\n"],
      ['src/render/build.ts', "import type { Problem } from '../core/problem.js';\nimport { USAGE } from '../cli/build.js';\n"],
      ['src/core/problem.ts', 'export type Problem = string;\n'],
    ]);
    expect(layerViolations(tree, planted)).toEqual([
      "src/render/build.ts:2: import { USAGE } from '../cli/build.js'; — render may not import cli (rule: layers; src/README.md lets render import core)",
    ]);
  });

  it('counts type-only and dynamic imports as dependencies between folders', () => {
    const tree = new Map([
      ['src/core/problem.ts', "import type { Io } from '../cli/io.js';\nexport const load = () => import('../render/x.js');\n"],
      ['src/cli/io.ts', ''],
      ['src/render/x.ts', ''],
    ]);
    expect(layerViolations(tree, planted)).toEqual([
      "src/core/problem.ts:1: import type { Io } from '../cli/io.js'; — core may not import cli (rule: layers; src/README.md lets core import nothing)",
      "src/core/problem.ts:2: import('../render/x.js') — core may not import render (rule: layers; src/README.md lets core import nothing)",
    ]);
  });

  it('finds printing outside src/cli/, not inside it', () => {
    const tree = new Map([
      ['src/cli/x.ts', "process.stdout.write('ok');\n"],
      ['src/render/x.ts', "export function f() {\n  console.log('x');\n  process.exitCode = 1;\n}\n"],
    ]);
    expect(ioViolations(tree, planted)).toEqual([
      'src/render/x.ts:2: console.log — only src/cli/ prints, reads argv or sets the exit code (rule: io)',
      'src/render/x.ts:3: process.exitCode — only src/cli/ prints, reads argv or sets the exit code (rule: io)',
    ]);
  });

  it('finds a signal handler outside src/cli/, and lets one in src/cli/ and an exit hook through', () => {
    const tree = new Map([
      ['src/cli/x.ts', "process.on('SIGINT', () => {});\n"],
      [
        'src/data/x.ts',
        [
          "process.once('exit', gone);",
          "process.on('SIGTERM', stop);",
          'export function f(name: string) {',
          '  process.prependOnceListener(name, stop);',
          "  process.off('SIGINT', stop);",
          "  other.on('SIGINT', stop);",
          '}',
          '',
        ].join('\n'),
      ],
    ]);
    expect(signalViolations(tree)).toEqual([
      "src/data/x.ts:2: process.on('SIGTERM') — only src/cli/ installs signal handlers (rule: signals)",
      'src/data/x.ts:4: process.prependOnceListener(name) — an event not named by a string may be a signal; only src/cli/ installs signal handlers (rule: signals)',
    ]);
  });

  it('follows imports to network code, and lets a type import through', () => {
    const tree = new Map([
      ['src/lint/a.ts', "import type { T } from '../links/fetch.js';\nimport { b } from './b.js';\n"],
      ['src/lint/b.ts', "export const b = () => import('../links/fetch.js');\n"],
      ['src/links/fetch.ts', "import { request } from 'undici';\n"],
    ]);
    expect(offlineViolations(tree)).toEqual([
      "src/lint/a.ts:2: import { b } from './b.js'; — src/lint/a.ts reaches the network package undici (via src/lint/b.ts:1: import('../links/fetch.js') → src/links/fetch.ts:1: import { request } from 'undici';) (rule: offline)",
      "src/lint/b.ts:1: import('../links/fetch.js') — src/lint/b.ts reaches the network package undici (via src/links/fetch.ts:1: import { request } from 'undici';) (rule: offline)",
    ]);
  });

  it('finds the importer behind a static import of lint-list, not behind a dynamic one', () => {
    const tree = new Map([
      ['src/cli/lint-list.ts', "import { fix } from '../lint/fix.js';\n"],
      ['src/cli/build-readme.ts', "const load = () => import('../import/readme.js');\n"],
      ['src/lint/fix.ts', "import { yamlText } from '../import/write-data.js';\n"],
      ['src/import/write-data.ts', ''],
      ['src/import/readme.ts', ''],
    ]);
    expect(importerViolations(tree)).toEqual([
      "src/cli/lint-list.ts:1: import { fix } from '../lint/fix.js'; — src/cli/lint-list.ts loads the importer src/import/write-data.ts (via src/lint/fix.ts:1: import { yamlText } from '../import/write-data.js';) (rule: no importer)",
    ]);
  });

  it('finds a parser behind a static import of lint-list, and lets a lazy one and a type import through', () => {
    const tree = new Map([
      ['src/cli/lint-list.ts', "import { DataDirError } from '../data/load.js';\nconst p = () => import('../data/parse.js');\n"],
      ['src/cli/build-readme.ts', "import type { Root } from 'mdast';\nimport type { Options } from 'mdast-util-to-markdown';\n"],
      ['src/data/load.ts', "import { parseDataFile } from './parse.js';\n"],
      ['src/data/parse.ts', "import { load } from 'js-yaml';\nimport * as z from 'zod';\n"],
    ]);
    expect(parserViolations(tree)).toEqual([
      "src/cli/lint-list.ts:1: import { DataDirError } from '../data/load.js'; — src/cli/lint-list.ts loads the parser js-yaml at start (via src/data/load.ts:1: import { parseDataFile } from './parse.js'; → src/data/parse.ts:1: import { load } from 'js-yaml';) (rule: lazy parsers)",
    ]);
  });

  it('finds a cycle in the directions themselves', () => {
    const cyclic = parseDirections('| `a` | x | `b` |\n| `b` | y | `a` |\n');
    expect(directionCycle(cyclic)).toEqual(['a', 'b', 'a']);
  });
});
