#!/usr/bin/env node
import { buildReadmeCommand } from '../commands/build-readme.js';
import { runAsProcess } from './io.js';

runAsProcess(buildReadmeCommand);
