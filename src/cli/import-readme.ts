#!/usr/bin/env node
import { importReadmeCommand } from '../commands/import-readme.js';
import { runAsProcess } from './io.js';

runAsProcess(importReadmeCommand);
