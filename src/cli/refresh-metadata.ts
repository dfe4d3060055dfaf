#!/usr/bin/env node
import { refreshMetadataCommand } from '../commands/refresh-metadata.js';
import { runAsProcess } from './io.js';

runAsProcess((argv, io) => refreshMetadataCommand(argv, io));
