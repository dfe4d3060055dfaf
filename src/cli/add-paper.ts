#!/usr/bin/env node
import { addPaperCommand } from '../commands/add-paper.js';
import { runAsProcess } from './io.js';

runAsProcess((argv, io) => addPaperCommand(argv, io, { stdin: process.stdin }));
