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
