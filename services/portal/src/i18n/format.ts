import type { Locale } from './locales.ts';

/** Formatting per locale with Intl; one set of formatters per language. */
export function formattersFor(locale: Locale) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(locale);
  const money = new Map<string, Intl.NumberFormat>();
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    percent: (share: number) => percent.format(share),
    number: (n: number) => number.format(n),
    /** Amounts are kept in minor units (cents); the currency decides the decimals. */
    money(minor: number, currency: string) {
      let f = money.get(currency);
      if (!f) {
        f = new Intl.NumberFormat(locale, { style: 'currency', currency });
        money.set(currency, f);
      }
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
      return f.format(minor / 10 ** digits);
    },
    list: (items: string[]) => new Intl.ListFormat(locale).format(items),
  };
}

export type Formatters = ReturnType<typeof formattersFor>;
