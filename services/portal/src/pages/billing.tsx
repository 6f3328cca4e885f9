import { useI18n } from '../i18n/i18n-context.tsx';
import { useLocation } from '../router/router.tsx';
import { InvoicesSection } from './billing/invoices-section.tsx';
import { LedgerSection } from './billing/ledger-section.tsx';
import { PaymentMethodSection } from './billing/payment-method-section.tsx';
import { UsageSection } from './billing/usage-section.tsx';

/**
 * The tenant's bill: this month so far and its estimate, the invoices of closed months, every
 * ledger line (by order, `?order=<id>`), and the payment method Stripe charges.
 */
export function BillingPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  return (
    <>
      <h1>{t('billing.title')}</h1>
      <UsageSection />
      <InvoicesSection />
      <LedgerSection initialOrderId={search.get('order') ?? undefined} />
      <PaymentMethodSection />
    </>
  );
}
