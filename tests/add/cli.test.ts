import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintDataDir } from '../../src/lint/load-for-lint.js';
import { cliArgs, fixtureList } from '../helpers.js';
import { fakeArxivApi, type FakeApi } from './helpers.js';

/** The command as npm run starts it, asynchronously, so the fake API in this process can answer. */
function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs('add-paper', args), {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run add-paper (the command as a process)', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await fakeArxivApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('adds a paper through ARXIV_API_URL, and lint-list finds nothing new in it', async () => {
    const dir = fixtureList();
    const result = await runCli(['2503.01003', '--category', 'architecture-innovation'], dir, { ARXIV_API_URL: api.url, SEMANTIC_SCHOLAR_API_URL: `${api.origin}/graph/v1` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added data\/papers\/architecture-innovation\/\d{4}-cache-schrodinger-s-kv-store-with\.yaml \(arXiv 2503\.01003\):\n/);
    const name = readdirSync(join(dir, 'data', 'papers', 'architecture-innovation')).find((n) => n.includes('schrodinger'))!;
    const lint = await lintDataDir(join(dir, 'data'), { cwd: dir });
    expect(lint.problems.filter((p) => p.file.endsWith(name))).toEqual([]);
  });

  it('without a terminal and without --category: exit 2 and the list, nothing asked', async () => {
    const dir = fixtureList();
    const asked = api.count();
    const result = await runCli(['2503.01003'], dir, { ARXIV_API_URL: api.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^add-paper: --category <id> is required when standard input is not a terminal; the categories in data\/categories\.yaml are:\n {3}1\. survey-technical-report/);
    expect(api.count()).toBe(asked);
  });
});
