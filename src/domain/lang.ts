/** The six official UN languages, in the order the UN lists them in its documents' language bar. */
export const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

export type Lang = (typeof LANGS)[number];

/** Every name falls back to English, which every node has. */
export const DEFAULT_LANG: Lang = 'en';

export type LocalizedText = { en: string } & Partial<Record<Lang, string>>;

/** The text in `lang` when the data has it, otherwise English; says which language was served. */
export function pickLocalized(text: LocalizedText, lang: Lang): { text: string; lang: Lang } {
  const wanted = text[lang];
  if (wanted !== undefined && wanted !== '') return { text: wanted, lang };
  return { text: text.en, lang: DEFAULT_LANG };
}
