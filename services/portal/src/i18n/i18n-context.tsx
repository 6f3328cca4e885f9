import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import type { MessageKey } from './en.ts';
import { type Formatters, formattersFor } from './format.ts';
import { catalogOf, initialLocale, type Locale, saveLocale, translate } from './locales.ts';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Whether the catalog has a message for a key made at run time (an error code, say). */
  has(key: string): key is MessageKey;
  format: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const catalog = catalogOf(locale);
    return {
      locale,
      setLocale(next) {
        saveLocale(next);
        setLocaleState(next);
      },
      t: (key, vars) => translate(catalog, key, vars),
      has: (key): key is MessageKey => key in catalog,
      format: formattersFor(locale),
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
