import { type FormEvent, useState } from 'react';
import { useLedger } from '../../api/billing.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useKeysetPages } from '../../components/keyset-pages.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/router.tsx';
import { orderPath } from '../../router/routes.ts';
import { Money } from './money.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every line of the bill, newest first, each with its order and why it is there (R-BIL-1,
 * R-SLA-5); narrowed to one order by its id (from the order page's link, or typed in).
 */
export function LedgerSection({ initialOrderId }: { initialOrderId: string | undefined }) {
  const { t } = useI18n();
  const pages = useKeysetPages();
  const [orderId, setOrderId] = useState(initialOrderId);
  const [draft, setDraft] = useState(initialOrderId ?? '');
  const [invalid, setInvalid] = useState(false);
  const ledger = useLedger(pages.cursor, orderId);
  const show = (id: string | undefined) => {
    setOrderId(id);
    setDraft(id ?? '');
    setInvalid(false);
    pages.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const id = draft.trim();
    if (id && !UUID.test(id)) return setInvalid(true);
    show(id || undefined);
  };
  return (
    <section aria-labelledby="billing-ledger">
      <h2 id="billing-ledger">{t('billing.ledger')}</h2>
      <form className="filters" onSubmit={submit}>
        <TextField
          label={t('billing.ledger.order')}
          value={draft}
          maxLength={36}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={invalid}
        />
        <button type="submit">{t('billing.ledger.filter')}</button>
        {orderId && (
          <button type="button" onClick={() => show(undefined)}>
            {t('billing.ledger.all')}
          </button>
        )}
      </form>
      {invalid && (
        <p role="alert" className="error">
          {t('billing.ledger.orderInvalid')}
        </p>
      )}
      <PagedTable
        query={ledger}
        pages={pages}
        empty="billing.ledger.empty"
        caption={orderId ? 'billing.ledger.captionOrder' : 'billing.ledger.caption'}
        columns={[
          'billing.col.kind',
          'billing.col.amount',
          'billing.col.order',
          'billing.col.why',
          'billing.col.date',
        ]}
        row={(l) => (
          <tr key={l.id}>
            <th scope="row">{t(`ledger.kind.${l.kind}`)}</th>
            <td>
              <Money amount={l.amount} currency={l.currency} />
            </td>
            <td>
              {l.orderId ? (
                <span className="buttons">
                  <Link href={orderPath(l.orderId)} title={l.orderId}>
                    {t('billing.ledger.orderLink', { id: l.orderId.slice(0, 8) })}
                  </Link>
                  {l.orderId !== orderId && (
                    <button type="button" className="small" onClick={() => show(l.orderId!)}>
                      {t('billing.ledger.onlyOrder', { id: l.orderId.slice(0, 8) })}
                    </button>
                  )}
                </span>
              ) : (
                t('dashboard.none')
              )}
            </td>
            <td>{l.sla ?? l.reason ?? l.explanation.rule ?? t('dashboard.none')}</td>
            <td>
              <DateTime iso={l.createdAt} />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
