import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers.js';
import { workflow, type Step } from './shapes.js';

/** A directory with fake commands: each logs its arguments to $FAKE_LOG and runs `body`. */
export function fakeBin(commands: Record<string, string>): string {
  const bin = tempDir('fake-bin-');
  for (const [name, body] of Object.entries(commands)) {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/sh\necho "${name} $*" >> "$FAKE_LOG"\n${body}\n`);
    chmodSync(path, 0o755);
  }
  return bin;
}

/** A workflow's `run:` text run as GitHub runs it (bash -eo pipefail), in `cwd`, with `bin` first on PATH. */
export function runStep(text: string, env: Record<string, string>, bin?: string, cwd = ROOT) {
  const temp = tempDir('runner-temp-');
  const file = join(temp, 'step.sh');
  writeFileSync(file, text);
  const log = join(temp, 'log');
  writeFileSync(log, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: bin ? `${bin}:${process.env.PATH}` : process.env.PATH,
      RUNNER_TEMP: temp,
      FAKE_LOG: log,
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, log: () => readFileSync(log, 'utf8'), temp };
}

/** The step of a workflow that runs a shell script under `name`; throws when there is none. */
export function runStepNamed(file: string, name: string): Step & { run: string } {
  const step = Object.values(workflow(file).jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.name === name);
  if (!step?.run) throw new Error(`${file}: no run step named "${name}"`);
  return step as Step & { run: string };
}
