import { expect, it } from 'vitest';

/**
 * The module's strict decoder is made when it loads: imported inside the test, so that a decoder that
 * cannot be made fails this test. (Stryker counts a test file that fails to load as a survivor.)
 */
it('loads, with a strict UTF-8 decoder', async () => {
  const { decodeUtf8 } = await import('../../src/text/utf8.js');
  expect(decodeUtf8(Buffer.from('Ren\u00e9'))).toEqual({ text: 'Ren\u00e9' });
});
