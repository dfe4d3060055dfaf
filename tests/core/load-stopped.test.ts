import { describe, expect, it } from 'vitest';
import { loadStopped } from '../../src/cli/load-options.js';
import { DataDirError } from '../../src/data/read.js';
import { lazySource, releaseBytes, SourceChangedError } from '../../src/data/source.js';
import { TemplatesDirError } from '../../src/render/read-templates.js';

/**
 * What build-readme and build-site print (after "<command>: ", exit 2) when loading the list stops,
 * instead of an internal error: among them a paper file edited while the command ran, which a
 * publisher finds when it reads a released file again to place a finding (data/source.ts).
 */
describe('loadStopped', () => {
  it('gives the message of a data file that changed while the command ran', () => {
    // Released, then asked for its text: the file is not there any more.
    const source = lazySource('data/papers/a/0010-a.yaml', '/nonexistent/0010-a.yaml', Buffer.from('title: A\n'), undefined, 'not-the-digest');
    releaseBytes(source);
    let thrown: unknown;
    try {
      void source.text;
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SourceChangedError);
    expect(loadStopped(thrown)).toBe('data/papers/a/0010-a.yaml changed on disk while it was being used; run the command again.');
  });

  it('gives the message of a folder that cannot be read, and nothing for any other error', () => {
    expect(loadStopped(new DataDirError('no data directory at x'))).toBe('no data directory at x');
    expect(loadStopped(new TemplatesDirError('no templates at y'))).toBe('no templates at y');
    expect(loadStopped(new Error('boom'))).toBeUndefined();
    expect(loadStopped('boom')).toBeUndefined();
  });
});
