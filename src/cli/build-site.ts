#!/usr/bin/env node
import { buildSiteCommand } from '../commands/build-site.js';
import { runAsProcess } from './io.js';

runAsProcess(buildSiteCommand);
