import { en, type MessageKey, type Messages } from './en.ts';
import { zh } from './zh.ts';

/** The portal's languages, each named in itself (an endonym reads the same in every language). */
export const LOCALES = [
  { id: 'en', name: 'English', catalog: en as Messages },
  { id: 'zh-CN', name: '简体中文', catalog: zh },
] as const;

export type Locale = (typeof LOCALES)[number]['id'];

const STORAGE_KEY = 'switchyard.locale';

export function catalogOf(locale: Locale): Messages {
  return (LOCALES.find((l) => l.id === locale) ?? LOCALES[0]).catalog;
}

/** The saved choice, else the browser's language when it is Chinese, else English. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Only the language choice is kept in the browser's storage; never a credential. */
export function saveLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}

/** A message with its `{name}` placeholders filled in. */
export function translate(
  catalog: Messages,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  return catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
