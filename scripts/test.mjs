#!/usr/bin/env node
// npm test: the type-check (tsc --noEmit) and the tests (vitest run) side by side, not one after the other.
//
// tsc works on one core for ~20 s; vitest leaves part of the second core idle while its workers wait on
// spawned commands, servers and the browser. Run together they finish sooner than in turn (issue 13's
// budget). The result is that of `tsc && vitest run`: a type error fails the run, and as soon as tsc
// reports one the tests are stopped, so that no test results are written for a tree that does not
// type-check. Arguments go to vitest (`npm test -- tests/foo.test.ts`). Plain JavaScript: no build step.
//
// Stopping is whole: vitest runs in a process group of its own, so stopping it (a type error, Ctrl-C,
// a CI runner's SIGTERM to this process) stops its workers and the commands they spawned too, and the
// run's scratch folder, made here and named to the tests by TEST_SCRATCH_DIR, is removed however the
// run ends (a stopped vitest skips its own teardown).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchBase, SCRATCH_PREFIX } from './scratch.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const bin = (...path) => join(ROOT, 'node_modules', ...path);
const GROUPS = process.platform !== 'win32';

const scratch = mkdtempSync(join(scratchBase() ?? tmpdir(), SCRATCH_PREFIX));
const env = { ...process.env, TEST_SCRATCH_DIR: scratch };

const tsc = spawn(process.execPath, [bin('typescript', 'bin', 'tsc'), '--noEmit', '-p', join(ROOT, 'tsconfig.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
let tscOutput = '';
tsc.stdout.setEncoding('utf8').on('data', (text) => (tscOutput += text));
tsc.stderr.setEncoding('utf8').on('data', (text) => (tscOutput += text));
const tscDone = new Promise((done) => tsc.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));

// vitest run reads nothing from the terminal; a process group outside the terminal's must not try to.
const vitest = spawn(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit'], env, detached: GROUPS });
const vitestDone = new Promise((done) => vitest.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));

/** Stops vitest with everything it started (its group), and tsc. */
function stopAll(signal) {
  try {
    if (GROUPS) process.kill(-vitest.pid, signal);
    else vitest.kill(signal);
  } catch {
    // Already gone.
  }
  tsc.kill(signal);
}

let stoppedBy;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stoppedBy ??= signal;
    stopAll(signal);
  });
}

const tscCode = await tscDone;
let vitestStopped = false;
if (tscCode !== 0 && stoppedBy === undefined && vitest.exitCode === null && vitest.signalCode === null) {
  vitestStopped = true;
  stopAll('SIGTERM');
}
const vitestCode = await vitestDone;
// A stopped vitest leaves its group's stragglers only for an instant; none may outlive the run.
if (GROUPS && (vitestStopped || stoppedBy)) stopAll('SIGKILL');
rmSync(scratch, { recursive: true, force: true });

if (stoppedBy) {
  process.stderr.write(`npm test: stopped by ${stoppedBy}.\n`);
  process.exitCode = stoppedBy === 'SIGINT' ? 130 : stoppedBy === 'SIGTERM' ? 143 : 129;
} else {
  if (tscOutput !== '') process.stdout.write(tscOutput);
  if (tscCode !== 0) {
    process.stderr.write(`npm test: the type-check (tsc --noEmit) failed${vitestStopped ? '; the tests were stopped' : ''}.\n`);
    process.exitCode = tscCode;
  } else {
    process.exitCode = vitestCode;
  }
}
