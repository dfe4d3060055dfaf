#!/usr/bin/env node
// npm test: the type-check (tsc --noEmit) and the tests (vitest run) side by side, not one after the other.
//
// tsc works on one core for ~20 s; vitest leaves part of the second core idle while its workers wait on
// spawned commands, servers and the browser. Run together they finish sooner than in turn (issue 13's
// budget). The result is that of `tsc && vitest run`: a type error fails the run, and as soon as tsc
// reports one the tests are stopped, so that no test results are written for a tree that does not
// type-check. Arguments go to vitest (`npm test -- tests/foo.test.ts`). Plain JavaScript: no build step.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const bin = (...path) => join(ROOT, 'node_modules', ...path);

const tsc = spawn(process.execPath, [bin('typescript', 'bin', 'tsc'), '--noEmit', '-p', join(ROOT, 'tsconfig.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
let tscOutput = '';
tsc.stdout.setEncoding('utf8').on('data', (text) => (tscOutput += text));
tsc.stderr.setEncoding('utf8').on('data', (text) => (tscOutput += text));
const tscDone = new Promise((done) => tsc.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));

const vitest = spawn(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
let vitestStopped = false;
const vitestDone = new Promise((done) => vitest.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));

const tscCode = await tscDone;
if (tscCode !== 0 && vitest.exitCode === null && vitest.signalCode === null) {
  vitestStopped = true;
  vitest.kill('SIGTERM');
}
const vitestCode = await vitestDone;
if (tscOutput !== '') process.stdout.write(tscOutput);
if (tscCode !== 0) {
  process.stderr.write(`npm test: the type-check (tsc --noEmit) failed${vitestStopped ? '; the tests were stopped' : ''}.\n`);
  process.exitCode = tscCode;
} else {
  process.exitCode = vitestCode;
}
