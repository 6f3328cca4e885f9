import { OPEN_STATUSES, useOrder } from '../api/orders.ts';
import { Countdown } from '../components/countdown.tsx';
import { DateTime } from '../components/date-time.tsx';
import { QueryState } from '../components/query-state.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/router.tsx';
import { PATHS } from '../router/routes.ts';
import { HoldFixer } from './holds/hold-fixer.tsx';
import { DiagnosisSection } from './order/diagnosis-section.tsx';
import { LabelSection } from './order/label-section.tsx';
import { LinesTable } from './order/lines-table.tsx';
import { RoutingSection } from './order/routing-section.tsx';
import { Timeline } from './order/timeline.tsx';

export function OrderPage({ id }: { id: string }) {
  const { t } = useI18n();
  const order = useOrder(id);
  return (
    <>
      <p>
        <Link href={PATHS.orders}>{t('order.back')}</Link>
      </p>
      <QueryState query={order}>
        {(o) => (
          <>
            <h1>{t('order.title', { number: o.orderNumber })}</h1>
            <section aria-labelledby="summary">
              <h2 id="summary">{t('order.summary')}</h2>
              <dl className="summary">
                <dt>{t('order.status')}</dt>
                <dd>
                  <StatusBadge status={o.status} />
                </dd>
                <dt>{t('order.shipBy')}</dt>
                <dd>
                  <DateTime iso={o.shipBy} />{' '}
                  {OPEN_STATUSES.includes(o.status) && <Countdown deadline={o.shipBy} />}
                </dd>
                <dt>{t('order.carrier')}</dt>
                <dd>{o.carrier ?? t('dashboard.none')}</dd>
                <dt>{t('order.tracking')}</dt>
                <dd>{o.trackingNumber ?? t('dashboard.none')}</dd>
                <dt>{t('order.created')}</dt>
                <dd>
                  <DateTime iso={o.createdAt} />
                </dd>
              </dl>
            </section>
            {o.label && <LabelSection label={o.label} />}
            <p>
              <Link href={`${PATHS.billing}?order=${encodeURIComponent(o.id)}`}>
                {t('order.billingLines')}
              </Link>
            </p>
            {o.holds.length > 0 && <HoldFixer order={o} />}
            <LinesTable lines={o.lines} />
            <Timeline events={o.timeline} />
            <RoutingSection id={id} />
            <DiagnosisSection id={id} />
          </>
        )}
      </QueryState>
    </>
  );
}
