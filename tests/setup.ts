import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

// Runs before every test file (also when files share a worker without isolation), so each file
// removes the temporary directories it made.
afterAll(removeTempDirs);
