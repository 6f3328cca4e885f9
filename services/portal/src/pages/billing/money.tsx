import { useI18n } from '../../i18n/i18n-context.tsx';

/**
 * An amount the api sent as minor units (a decimal string), written for the reader's language:
 * the currency decides the decimals (USD cents, JPY none), Intl the symbol and grouping.
 */
export function Money({ amount, currency }: { amount: { minor: string }; currency: string }) {
  const { format } = useI18n();
  return <span className="money">{format.money(Number(amount.minor), currency)}</span>;
}
