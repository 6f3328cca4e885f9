import { useInvoices } from '../../api/billing.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useKeysetPages } from '../../components/keyset-pages.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Money } from './money.tsx';

/** The invoices the month close made, with Stripe's hosted page and PDF once Stripe has them. */
export function InvoicesSection() {
  const { t } = useI18n();
  const pages = useKeysetPages();
  const invoices = useInvoices(pages.cursor);
  return (
    <section aria-labelledby="billing-invoices">
      <h2 id="billing-invoices">{t('billing.invoices')}</h2>
      <PagedTable
        query={invoices}
        pages={pages}
        empty="billing.invoices.empty"
        caption="billing.invoices.caption"
        columns={[
          'billing.col.period',
          'billing.col.total',
          'billing.col.status',
          'billing.col.issued',
          'billing.col.links',
        ]}
        row={(i) => (
          <tr key={i.id}>
            <th scope="row">{i.period}</th>
            <td>
              <Money amount={i.total} currency={i.currency} />
            </td>
            <td>{t(`invoice.status.${i.status}`)}</td>
            <td>
              <DateTime iso={i.createdAt} />
            </td>
            <td className="links">
              {i.hostedInvoiceUrl && (
                <a href={i.hostedInvoiceUrl} rel="noopener noreferrer" target="_blank">
                  {t('billing.invoice.view', { period: i.period, currency: i.currency })}
                </a>
              )}{' '}
              {i.invoicePdf && (
                <a href={i.invoicePdf} rel="noopener noreferrer" target="_blank">
                  {t('billing.invoice.pdf', { period: i.period, currency: i.currency })}
                </a>
              )}
              {!i.hostedInvoiceUrl && !i.invoicePdf && t('dashboard.none')}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
