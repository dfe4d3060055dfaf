#!/usr/bin/env node
import { linkReportCommand } from '../github/link-report-command.js';
import { runAsProcess } from './io.js';

runAsProcess(linkReportCommand);
