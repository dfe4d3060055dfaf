import * as z from 'zod';

/**
 * The zod schemas for every file under data/. The JSON Schemas in schema/ are generated from
 * these (npm run schema), so editors check the same shapes the toolchain does.
 */

const nonEmpty = z.string().min(1, 'must not be empty');

/** Category ids are path segments and anchors' source: lowercase words joined by hyphens. */
export const CategoryId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, like "kv-cache-optimization"');

/** Names per language; `en` is required, other languages fall back to it. */
export const LocalizedText = z
  .looseObject({ en: nonEmpty })
  .catchall(nonEmpty)
  .describe('Text per language code, e.g. { en: "Architecture", zh: "架构" }.');

export interface CategoryInput {
  id: string;
  name: { en: string; [lang: string]: string };
  children?: CategoryInput[] | undefined;
}

export const Category: z.ZodType<CategoryInput> = z.lazy(() =>
  z.strictObject({
    id: CategoryId,
    name: LocalizedText,
    children: z.array(Category).optional(),
  }),
);

export const CategoriesFile = z.strictObject({
  categories: z.array(Category).min(1, 'must list at least one category'),
});

export const HttpUrl = z
  .string()
  // The scheme in any case (RFC 3986, 3.1): "HTTPS://" is a sound link, which url-scheme-case asks to write in lowercase.
  // Spelt as classes, not with the i flag: schema/paper.schema.json's "pattern" (editors check with it) has no flags.
  .regex(/^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\s]+$/, 'must be an https: or http: URL without spaces')
  .describe('Link to the paper: https://arxiv.org/abs/<id> for arXiv papers.');

export const ArxivId = z
  .string()
  .regex(
    /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/,
    'must be an arXiv identifier without version, like "2402.08268" or "hep-th/9901001"',
  );

export const Exception = z.strictObject({
  rule: nonEmpty.describe('The rule id this entry is allowed to break, e.g. "missing-url".'),
  reason: z.string().min(10, 'must say why, in a sentence').describe('Why the rule does not apply here.'),
});

export const Year = z
  .number()
  .int('must be a whole number')
  .min(1950, 'must be 1950 or later')
  .describe('Year of publication, e.g. 2024.');

export const Paper = z.strictObject({
  title: nonEmpty.describe('The title without the closing period; the README adds it.'),
  url: HttpUrl.optional(),
  authors: z.array(nonEmpty).describe('Authors in order; an organisation counts as one author.').optional(),
  others: z.literal(true).describe('The author list is truncated; the README adds "others".').optional(),
  venue: nonEmpty.describe('Where it appeared, e.g. "arXiv preprint arXiv:2402.08268".').optional(),
  year: Year,
  arxiv: ArxivId.describe('The arXiv identifier, when the paper is on arXiv.').optional(),
  exceptions: z.array(Exception).optional(),
});

/** An entry the importer could not split into fields; rendered verbatim until someone fixes it. */
export const RawEntry = z.strictObject({
  raw: nonEmpty.describe('The entry exactly as it stood in the imported README, without the bullet.'),
  exceptions: z.array(Exception).optional(),
});

export const PaperFile = z.union([Paper, RawEntry]);

export const NewsItem = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-03-27'),
  text: LocalizedText.describe('The news text in Markdown, per language.'),
});

export const NewsFile = z.strictObject({
  news: z.array(NewsItem),
});

export type Paper = z.infer<typeof Paper>;
export type RawEntry = z.infer<typeof RawEntry>;
export type PaperFile = z.infer<typeof PaperFile>;
export type NewsItem = z.infer<typeof NewsItem>;
export type Category = CategoryInput;
export type Exception = z.infer<typeof Exception>;

// In a module of its own, without zod: the renderers and rules that ask it need no schema.
export { isRawEntry } from './raw-entry.js';

/** The schemas published as JSON Schema, by output file name. */
export const PUBLISHED_SCHEMAS = {
  'categories.schema.json': CategoriesFile,
  'news.schema.json': NewsFile,
  'paper.schema.json': PaperFile,
} as const;

/** The order fields are written in, so every paper file reads the same way. */
export const PAPER_FIELD_ORDER = ['title', 'url', 'authors', 'others', 'venue', 'year', 'arxiv', 'exceptions'] as const;

export function orderPaperFields(paper: Paper): Paper {
  const ordered: Record<string, unknown> = {};
  for (const key of PAPER_FIELD_ORDER) if (paper[key] !== undefined) ordered[key] = paper[key];
  return ordered as Paper;
}
