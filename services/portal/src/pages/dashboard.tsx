import { usePromiseReport } from '../api/orders.ts';
import { QueryState } from '../components/query-state.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { AtRiskList } from './dashboard/at-risk-list.tsx';
import { DailyChart } from './dashboard/daily-chart.tsx';
import { Figure } from './dashboard/figure.tsx';

export function DashboardPage() {
  const { t, format } = useI18n();
  const day = usePromiseReport(1);
  const week = usePromiseReport(7);
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <section className="figures" aria-label={t('dashboard.title')}>
        <QueryState query={day}>
          {(r) => <Figure label={t('dashboard.ordersToday')} value={format.number(r.orders)} />}
        </QueryState>
        <QueryState query={week}>
          {(r) => (
            <>
              <Figure
                label={t('dashboard.onTime')}
                value={
                  r.beforeDeadlineShare === null
                    ? t('dashboard.none')
                    : format.percent(r.beforeDeadlineShare)
                }
                hint={t('dashboard.onTimeHint')}
              />
              <Figure label={t('dashboard.shippedWeek')} value={format.number(r.shipped)} />
            </>
          )}
        </QueryState>
      </section>
      <DailyChart />
      <AtRiskList />
    </>
  );
}
