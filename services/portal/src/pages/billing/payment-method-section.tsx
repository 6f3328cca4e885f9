import { usePaymentMethod, usePaymentMethodLink } from '../../api/billing.ts';
import { DateTime } from '../../components/date-time.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** The card Stripe charges the invoices to is saved on Stripe's own page, never here. */
export function PaymentMethodSection() {
  const { t } = useI18n();
  const method = usePaymentMethod();
  const link = usePaymentMethodLink();
  return (
    <section aria-labelledby="billing-payment">
      <h2 id="billing-payment">{t('billing.payment')}</h2>
      <QueryState query={method}>
        {(m) => (
          <>
            <p>{m.saved ? t('billing.payment.saved') : t('billing.payment.none')}</p>
            {m.pastDueSince && (
              <p className="error">
                {t('billing.payment.pastDue')} <DateTime iso={m.pastDueSince} />
              </p>
            )}
          </>
        )}
      </QueryState>
      <p className="muted">{t('billing.payment.hint')}</p>
      <button type="button" disabled={link.isPending} onClick={() => link.mutate()}>
        {link.isPending ? t('billing.payment.opening') : t('billing.payment.action')}
      </button>
      {link.isError && <ErrorMessage error={link.error} />}
    </section>
  );
}
