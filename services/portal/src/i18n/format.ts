import type { Locale } from './locales.ts';

/** Formatting per locale with Intl; one set of formatters per language. */
export function formattersFor(locale: Locale) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(locale);
  const money = new Map<string, Intl.NumberFormat>();
  // A calendar day (`YYYY-MM-DD`) names the same day everywhere: read and written in UTC.
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const dayShort = new Intl.DateTimeFormat(locale, {
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const asDay = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    percent: (share: number) => percent.format(share),
    number: (n: number) => number.format(n),
    day: (ymd: string) => day.format(asDay(ymd)),
    dayShort: (ymd: string) => dayShort.format(asDay(ymd)),
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
