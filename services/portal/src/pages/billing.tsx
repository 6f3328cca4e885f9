import { useI18n } from '../i18n/i18n-context.tsx';

/** The billing slot: its pages come with the billing procedures. */
export function BillingPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('billing.title')}</h1>
      <p>{t('billing.soon')}</p>
    </>
  );
}
