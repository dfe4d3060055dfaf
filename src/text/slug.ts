/** A file-name and id friendly slug: ASCII letters and digits joined by single hyphens. */
export function slugify(text: string, maxWords = 8): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.slice(0, maxWords).join('-') || 'entry';
}
