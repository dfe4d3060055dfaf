import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The network is closed here and the page must not need it: nothing in the background either. */
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];

const SYSTEM_CHROMES = [
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * A Chromium to drive: CHROME_PATH, a system Chrome, the one @sparticuz/chromium ships in npm, then
 * Debian's. Never undefined: a run without a browser fails, it does not skip.
 */
export async function chromePath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROME_PATH) return env.CHROME_PATH;
  const system = SYSTEM_CHROMES.find((path) => existsSync(path));
  if (system) return system;
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    return await sparticuz.executablePath();
  } catch (error) {
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
    throw new Error(`no Chromium found: set CHROME_PATH, install Chrome, or npm ci for @sparticuz/chromium (${(error as Error).message})`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromePath(), headless: true, args: ARGS });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.bib': 'text/plain; charset=utf-8',
};

/** Serve a folder on 127.0.0.1 as GitHub Pages would: a folder's index.html for its path. */
export async function serveDir(root: string): Promise<{ url: string; server: Server }> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
