#!/usr/bin/env node
import { lintListCommand } from '../commands/lint-list.js';
import { runAsProcess } from './io.js';

// `lint-list | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  else throw error;
});
runAsProcess(lintListCommand);
