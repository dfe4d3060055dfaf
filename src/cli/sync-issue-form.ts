#!/usr/bin/env node
import { syncIssueFormCommand } from '../commands/sync-issue-form.js';
import { runAsProcess } from './io.js';

runAsProcess(syncIssueFormCommand);
