/**
 * Money is integer minor units (bigint) plus an ISO 4217 currency, never floats.
 * Marketplace amounts arrive as decimal strings ("12.30").
 */
const EXPONENT: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  IDR: 0,
  CLP: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENT[currency.toUpperCase()] ?? 2;
}

/** Parses a decimal string into minor units; rejects anything that is not a plain decimal. */
export function parseMoney(amount: string, currency: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const exp = currencyExponent(currency);
  const frac = (m[3] ?? '').padEnd(exp, '0');
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) {
    throw new RangeError(`${amount} has more decimals than ${currency} allows`);
  }
  const minor = BigInt(m[2]!) * 10n ** BigInt(exp) + BigInt(frac.slice(0, exp) || '0');
  return m[1] ? -minor : minor;
}

export function formatMoney(minor: bigint, currency: string): string {
  const exp = currencyExponent(currency);
  const neg = minor < 0n;
  const abs = (neg ? -minor : minor).toString().padStart(exp + 1, '0');
  const whole = exp ? `${abs.slice(0, -exp)}.${abs.slice(-exp)}` : abs;
  return `${neg ? '-' : ''}${whole} ${currency}`;
}
