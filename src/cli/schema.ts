#!/usr/bin/env node
import { schemaCommand } from '../commands/schema.js';
import { runAsProcess } from './io.js';

runAsProcess(schemaCommand);
