/** How a file of data/ is named and written: shared by import-readme and add-paper. */
import { Document } from 'yaml';

// How a file is named is file-name.ts's (the lint rule file-name reads it without the parsers); these stay importable from here.
export { entryFileName, ORDER_STEP, ORDER_WIDTH } from './file-name.js';

/** YAML text with the modeline that points editors at the JSON Schema. */
export function yamlText(value: unknown, schemaPath: string): string {
  const doc = new Document(value);
  doc.commentBefore = ` yaml-language-server: $schema=${schemaPath}`;
  return doc.toString({ lineWidth: 0 });
}
