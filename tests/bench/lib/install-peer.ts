/**
 * Peers (other tools measured side by side) are installed at bench time into their own prefix
 * under .cache/bench/<dir>, never into the project's node_modules or lockfile, so `npm test` never
 * needs them. A failed install is returned as a reason, never thrown: the bench goes on without it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CACHE } from './paths.js';

export interface Peer {
  name: string;
  version: string;
  /** The prefix: <dir>/node_modules/<name>. */
  dir: string;
  /** The package folder. */
  packageDir: string;
}

export type PeerResult = { ok: true; peer: Peer } | { ok: false; reason: string };

function installedVersion(packageDir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export async function ensurePeer(name: string, version: string, dirName: string = name): Promise<PeerResult> {
  const dir = join(CACHE, dirName);
  const packageDir = join(dir, 'node_modules', name);
  if (installedVersion(packageDir) === version) return { ok: true, peer: { name, version, dir, packageDir } };
  try {
    if (existsSync(packageDir)) rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await promisify(execFile)('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${name}@${version}`], {
      timeout: 5 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const first = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').find((l) => /err/i.test(l)) ?? (error as Error).message.split('\n')[0];
    return { ok: false, reason: `${name}@${version} could not be installed (${first})` };
  }
  const got = installedVersion(packageDir);
  if (got !== version) return { ok: false, reason: `${name}@${version} could not be installed (found ${got ?? 'nothing'} after npm install)` };
  return { ok: true, peer: { name, version, dir, packageDir } };
}

/** The file a package's bin entry points to, to run it with node directly. */
export function peerBin(peer: Peer, bin: string = peer.name): string {
  const pkg = JSON.parse(readFileSync(join(peer.packageDir, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[bin];
  if (!rel) throw new Error(`${peer.name} has no bin "${bin}"`);
  return join(peer.packageDir, rel);
}
