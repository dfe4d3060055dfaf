import type { ErrorCode } from 'yaml';

/*
 * What a YAML syntax error says to a contributor, in the list's words: the yaml package's own messages
 * name its API ("please use YAML.parseAllDocuments()") or its grammar ("compact mappings"). Keyed by
 * the package's error code; a code it adds later falls back to a plain sentence, never to its text.
 */
const MESSAGES: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'An alias ("*name") cannot carry an anchor or a tag here; write the value out.',
  BAD_ALIAS: 'This alias ("*name") is not well formed; write the value out.',
  BAD_DIRECTIVE: 'A line starting with "%" is a YAML directive, which a data file cannot hold; remove it, or put the value in double quotes.',
  BAD_DQ_ESCAPE: 'A backslash in a double-quoted value starts an escape YAML does not know; write \\\\ for a backslash, or use single quotes.',
  BAD_INDENT: 'The indentation here does not line up: fields start at the beginning of a line, list items ("- ") two spaces under their field, and a [ … ] list closes on its line.',
  BAD_PROP_ORDER: 'An anchor or a tag stands out of place here; remove it.',
  BAD_SCALAR_START: 'A value cannot start with this character unquoted; put the value in double quotes.',
  BLOCK_AS_IMPLICIT_KEY: 'A value holds ": " where YAML expects a new field; put the value in double quotes.',
  BLOCK_IN_FLOW: 'A [ … ] or { … } value cannot hold indented lines; write it on one line, or as a "- " list.',
  DUPLICATE_KEY: 'This field is given a second time in the file; keep one.',
  IMPOSSIBLE: 'The file is not valid YAML here.',
  KEY_OVER_1024_CHARS: 'A field name is longer than YAML allows (1,024 characters); check for a missing line break.',
  MISSING_CHAR: 'A closing quote or bracket is missing; close the value on its own line.',
  MULTILINE_IMPLICIT_KEY: 'A field name runs over two lines; check for a missing ":" or a value that needs double quotes.',
  MULTIPLE_ANCHORS: 'A value has two anchors ("&name"); keep one.',
  MULTIPLE_DOCS: 'The file holds more than one YAML document (a "---" line); a data file holds one.',
  MULTIPLE_TAGS: 'A value has two tags ("!tag"); keep one.',
  NON_STRING_KEY: 'A field name must be a plain word.',
  RESOURCE_EXHAUSTION: 'The file repeats its aliases too many times to be read; write the values out.',
  TAB_AS_INDENT: 'A tab indents this line; YAML indents with spaces only.',
  TAG_RESOLVE_FAILED: 'A value has a tag ("!…") YAML does not know; remove it.',
  UNEXPECTED_TOKEN: 'Something follows the value where YAML expects the line to end; a value with quotes, ": " or " #" inside it needs double quotes around all of it.',
  BAD_COLLECTION_TYPE: 'A value has a tag that does not fit its kind; remove the tag.',
};

/** The sentence for a YAML syntax error of this code. */
export function yamlErrorMessage(code: ErrorCode | string): string {
  return (MESSAGES as Record<string, string>)[code] ?? 'The file is not valid YAML here.';
}

/**
 * A quoted value that is never closed: yaml reads the rest of the file into it and reports the end of
 * the file; this is said where the quote opens.
 */
export function unclosedQuoteMessage(mark: '"' | "'"): string {
  return mark === '"'
    ? 'This double quote (") opens a value that is never closed, so YAML reads the rest of the file into it; end the value with " on this line (a quote inside it is written \\").'
    : "This single quote (') opens a value that is never closed, so YAML reads the rest of the file into it; end the value with ' on this line (a quote inside it is written '').";
}

/** A [ or { that is never closed: yaml reports the line after it; this is said where it opens. */
export function unclosedBracketMessage(mark: '[' | '{'): string {
  return mark === '['
    ? 'This [ opens a list that is never closed; end it with ] on this line, as in authors: [Ann Lee, Bo Li].'
    : 'This { opens a mapping that is never closed; end it with } on this line, as in name: { en: Alpha }.';
}

/** A quote inside a quoted value of the same kind, which ends the value early. */
export function quoteInsideMessage(mark: '"' | "'"): string {
  return mark === '"'
    ? 'This double quote ends the double-quoted value early; a double quote inside a double-quoted value is written \\" (title: "The \\"Best\\" Paper"), or put single quotes around the value.'
    : "This single quote ends the single-quoted value early; a single quote inside a single-quoted value is written '' (title: 'It''s'), or put double quotes around the value.";
}

/**
 * yaml gives up on a value nested hundreds of levels deep with the code it also uses for too many
 * aliases; a list's files are flat, so the likely cause is brackets opened by mistake.
 */
export function nestedTooDeeplyMessage(): string {
  return 'The values here nest too deeply to be read: a data file holds fields and flat lists, not lists or mappings inside one another hundreds of levels deep; remove the extra [ or {.';
}
