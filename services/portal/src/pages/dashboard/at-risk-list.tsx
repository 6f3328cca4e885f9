import { useQueries } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { OPEN_STATUSES } from '../../api/orders.ts';
import { Countdown } from '../../components/countdown.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { useNow } from '../../components/use-now.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/router.tsx';
import { orderPath } from '../../router/routes.ts';
import { pickAtRisk } from './at-risk.ts';

/** The first page of each open status (one batch), narrowed to what is due soon or late. */
export function AtRiskList() {
  const { t } = useI18n();
  const now = useNow();
  const pages = useQueries({
    queries: OPEN_STATUSES.map((status) => ({
      queryKey: ['orders.list', { status, limit: 100 }],
      queryFn: () => api.orders.list.query({ status, limit: 100 }),
    })),
  });
  const failed = pages.find((p) => p.isError);
  const atRisk = pickAtRisk(
    pages.flatMap((p) => p.data?.items ?? []),
    now,
  );
  return (
    <section aria-labelledby="at-risk">
      <h2 id="at-risk">{t('dashboard.atRisk')}</h2>
      <p className="muted small">{t('dashboard.atRiskHint')}</p>
      {failed && <ErrorMessage error={failed.error} />}
      {pages.some((p) => p.isPending) ? (
        <p className="muted">{t('app.loading')}</p>
      ) : atRisk.length === 0 ? (
        <p>{t('dashboard.atRiskEmpty')}</p>
      ) : (
        <ul className="at-risk">
          {atRisk.map((o) => (
            <li key={o.id}>
              <Link href={orderPath(o.id)}>{o.orderNumber}</Link>
              <StatusBadge status={o.status} />
              <Countdown deadline={o.shipBy} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
