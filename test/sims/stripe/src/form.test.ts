import { describe, expect, it } from 'vitest';
import { StripeApiError } from './errors.ts';
import { canonicalParams, parseForm } from './form.ts';

// Form bodies as the stripe SDK encodes them (`a[b]=…`, `a[0]=…`), and what Stripe refuses.

describe('parseForm', () => {
  it('nests brackets, turns indexed keys into arrays and keeps values as strings', () => {
    expect(
      parseForm(
        'customer=cus_1&metadata[tenant_id]=t%201&expand[0]=lines&expand[1]=customer&amount=-5',
      ),
    ).toEqual({
      customer: 'cus_1',
      metadata: { tenant_id: 't 1' },
      expand: ['lines', 'customer'],
      amount: '-5',
    });
    expect(parseForm('')).toEqual({});
    expect(parseForm('invoice_settings[default_payment_method]=')).toEqual({
      invoice_settings: { default_payment_method: '' },
    });
  });

  it('refuses NUL, conflicting and malformed keys as a 400 that is not saved for idempotency', () => {
    for (const body of ['name=a%00b', 'a=1&a[b]=2', 'a=1&a=2', 'a]=1', '[x]=1']) {
      let err: unknown;
      try {
        parseForm(body);
      } catch (e) {
        err = e;
      }
      expect(err, body).toBeInstanceOf(StripeApiError);
      expect([(err as StripeApiError).status, (err as StripeApiError).saved]).toEqual([400, false]);
    }
  });

  it('canonical parameters ignore key order, not values', () => {
    const a = canonicalParams(parseForm('a=1&metadata[x]=1&metadata[y]=2'));
    expect(canonicalParams(parseForm('metadata[y]=2&metadata[x]=1&a=1'))).toBe(a);
    expect(canonicalParams(parseForm('a=1&metadata[x]=1&metadata[y]=3'))).not.toBe(a);
  });
});
