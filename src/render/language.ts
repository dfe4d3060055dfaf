/** Templates are README.md (English) and README_<lang>.md; the output keeps the template's name. */
const TEMPLATE_NAME = /^README(?:_([a-z]{2,3}(?:-[A-Za-z0-9]+)?))?\.md$/;

export const DEFAULT_LANGUAGE = 'en';

export function templateLanguage(fileName: string): string | undefined {
  const match = TEMPLATE_NAME.exec(fileName);
  if (!match) return undefined;
  return match[1] ?? DEFAULT_LANGUAGE;
}

/** Text in `lang`, falling back to English, which the schema requires. */
export function localized(text: { en: string; [lang: string]: string }, lang: string): string {
  return text[lang] ?? text.en;
}

/** The few words the generator itself writes, per language (English is the fallback). */
const PHRASES = {
  backTo: { en: () => 'Back to ', zh: () => '返回 ' },
  previous: { en: () => 'previous page', zh: () => '上一页' },
  next: { en: () => 'next page', zh: () => '下一页' },
  papersOnPages: {
    en: (n: number, pages: number) => `${n} paper${n === 1 ? '' : 's'}, ${pages === 1 ? 'on their own page' : `on ${pages} pages`}: `,
    zh: (n: number, pages: number) => `${n} 篇论文，${pages === 1 ? '见单独页面' : `分 ${pages} 页`}：`,
  },
} satisfies Record<string, Record<string, (n: number, pages: number) => string>>;

export function phrase(key: keyof typeof PHRASES, lang: string, n = 0, pages = 1): string {
  const forms: Record<string, (n: number, pages: number) => string> = PHRASES[key];
  return (forms[lang] ?? forms.en!)(n, pages);
}
