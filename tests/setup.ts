import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

// Runs before every test file (also when files share a worker without isolation), so each file
// removes the temporary directories it made.
afterAll(removeTempDirs);

// The commands a test runs read paths as the test's own working directory gives them: npm's INIT_CWD
// (the folder `npm test` was typed in) would make them count typed paths from there (cli/args.ts typedPaths).
delete process.env.INIT_CWD;
