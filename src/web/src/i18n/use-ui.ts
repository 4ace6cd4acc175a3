import { useLocation } from 'preact-iso';
import en from './en.json';
import zh from './zh.json';

/** Interface languages: every string of the interface is in these files, none in code. */
export const UI_LANGS = ['en', 'zh'] as const;
export type UiLang = (typeof UI_LANGS)[number];

/** Name languages: the API's `Lang`, the six UN languages. */
export const NAME_LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type NameLang = (typeof NAME_LANGS)[number];

export type MessageKey = keyof typeof en;
const MESSAGES: Record<UiLang, Record<MessageKey, string>> = { en, zh };

export interface Ui {
  ui: UiLang;
  /** Language of names, for the API's `lang` argument (upper case there). */
  lang: NameLang;
  apiLang: string;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** A link within the explorer that keeps the interface and name languages of this page. */
  href: (path: string, params?: Record<string, string | undefined>) => string;
}

/**
 * The interface state kept in every URL: `ui` (interface language, `en` or
 * `zh`) and `lang` (names, one of the six; by default the interface language).
 * Both are left out of URLs while at their defaults.
 */
export function useUi(): Ui {
  const { ui, lang } = languagesOf(useLocation().query);
  const messages = MESSAGES[ui];
  const t = (key: MessageKey, values: Record<string, string | number> = {}) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
  const href = (path: string, params: Record<string, string | undefined> = {}) =>
    buildHref(path, { ...params, ui: ui === 'en' ? undefined : ui, lang: lang === ui ? undefined : lang });
  return { ui, lang, apiLang: lang.toUpperCase(), t, href };
}

/** The interface and name languages a URL's parameters ask for, with their defaults. */
export function languagesOf(query: Record<string, string | undefined>): { ui: UiLang; lang: NameLang } {
  const ui: UiLang = (UI_LANGS as readonly string[]).includes(query.ui ?? '') ? (query.ui as UiLang) : 'en';
  const lang: NameLang = (NAME_LANGS as readonly string[]).includes(query.lang ?? '') ? (query.lang as NameLang) : ui;
  return { ui, lang };
}

/** `path?key=value…` with the defined parameters, in the order given. */
export function buildHref(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The node page of a global id; ids hold `/` and `:` (`Resolution:A/RES/70/125`), so the id is one encoded segment. */
export function nodePath(id: string): string {
  return `/node/${encodeURIComponent(id)}`;
}
