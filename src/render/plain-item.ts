import type { ListItem, PhrasingContent } from 'mdast';

/**
 * The serialiser's output for the common shape of a paper's list item, without the serialiser:
 * `* **[Title.](url)** Authors. Venue, Year`. mdast-util-to-markdown spends some 80 µs on each such
 * item (unsafe patterns, attention sequences, trackers), 8 s of a 100,000-entry build, and for an
 * item whose texts hold nothing Markdown could read as syntax there is nothing for it to decide.
 *
 * So this handles exactly that case and declines everything else (undefined), which then goes to
 * the serialiser as before. The characters it accepts were chosen against the serialiser's unsafe
 * patterns for these positions (never at the start of a line, inside a link label, a raw
 * destination, or after the bold title); tests/render/plain-item.test.ts compares its output with
 * the serialiser's for every ASCII character and pair of them in each field, and any it accepts
 * must come out the same, byte for byte.
 */

/** Characters a text may hold: anything but controls, and ASCII that is syntax here (`& * < [ \ ] _ \``). */
const PLAIN_TEXT = /^[^\0-\x1f\x7f&*<[\\\]_`]*$/;
/** A destination written raw: no whitespace or controls, no parentheses, no `&`, `<`, `>` or backslash. */
const PLAIN_URL = /^[!#-%*-;=?-[\]-~\u0080-\uffff]+$/;

function onlyText(children: readonly PhrasingContent[]): string | undefined {
  const [child] = children;
  return children.length === 1 && child?.type === 'text' ? child.value : undefined;
}

/** `item` as the serialiser would write it in a tight `*` list, or undefined when it needs the serialiser. */
export function plainItem(item: ListItem): string | undefined {
  if (item.spread || item.checked != null || item.children.length !== 1) return undefined;
  const [paragraph] = item.children;
  if (paragraph?.type !== 'paragraph' || paragraph.children.length !== 2) return undefined;
  const [strong, tail] = paragraph.children;
  if (strong?.type !== 'strong' || tail?.type !== 'text') return undefined;
  if (strong.children.length !== 1 || strong.children[0]?.type !== 'link') return undefined;
  const link = strong.children[0];
  if (link.title != null) return undefined;
  const title = onlyText(link.children);
  return title === undefined ? undefined : plainLine(title, link.url, tail.value);
}

/**
 * The line of a linked title `title` to `url` followed by the text `rest`, when the serialiser would
 * write exactly that; undefined otherwise. render/lists.ts calls it for a paper without making its item.
 */
export function plainLine(title: string, url: string, rest: string): string | undefined {
  if (title === '' || !PLAIN_TEXT.test(title)) return undefined;
  // A link whose text is its url would be written as an autolink.
  if (title === url || `mailto:${title}` === url) return undefined;
  if (!PLAIN_URL.test(url)) return undefined;
  // The tail follows the bold title after one space and ends the line: a space or tab at its end
  // would be encoded, and anything but one leading space would change how the bold title closes.
  if (!rest.startsWith(' ') || !PLAIN_TEXT.test(rest) || /^ \s|\s$/.test(rest)) return undefined;
  return `* **[${title}](${url})**${rest}`;
}
