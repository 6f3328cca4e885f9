import { useDiagnosis } from '../../api/orders.ts';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** R-DIAG-1: the marketplace's notifications, the platform's calls, the supplier side. */
export function DiagnosisSection({ id }: { id: string }) {
  const { t, format } = useI18n();
  const diagnosis = useDiagnosis(id);
  const empty = <p>{t('order.diag.empty')}</p>;
  return (
    <section aria-labelledby="diagnosis">
      <h2 id="diagnosis">{t('order.diagnosis')}</h2>
      <QueryState query={diagnosis}>
        {(d) => (
          <>
            <h3>{t('order.diag.marketplace')}</h3>
            {d.marketplace.length === 0 ? (
              empty
            ) : (
              <ul>
                {d.marketplace.map((n) => (
                  <li key={n.notificationId}>
                    {n.orderStatus} ·{' '}
                    {t('order.diag.received', { at: format.dateTime(n.receivedAt) })}
                    {' · '}
                    {n.processedAt
                      ? t('order.diag.processed', { at: format.dateTime(n.processedAt) })
                      : t('order.diag.pending')}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('order.diag.calls')}</h3>
            {d.calls.length === 0 ? (
              empty
            ) : (
              <ul>
                {d.calls.map((c) => (
                  <li key={`${c.at}-${c.endpoint}`}>
                    {t('order.diag.call', {
                      target: c.target,
                      endpoint: c.endpoint,
                      result: c.code ?? String(c.httpStatus ?? ''),
                      ms: format.number(c.latencyMs),
                    })}
                  </li>
                ))}
              </ul>
            )}
            <h3>{t('order.diag.dispatches')}</h3>
            {d.dispatches.length === 0 ? (
              empty
            ) : (
              <ul>
                {d.dispatches.map((x) => (
                  <li key={x.id}>
                    {t('order.diag.dispatch', {
                      supplier: x.supplier,
                      attempt: x.attempt,
                      status: x.status,
                    })}
                    {x.trackingNumber && ` · ${x.trackingNumber}`}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
