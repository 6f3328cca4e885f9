import { lazy, Suspense, useId, useState } from 'react';
import { useDailyReport } from '../../api/orders.ts';
import { DataTable } from '../../components/data-table.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { DAILY_WINDOWS, type DailyDay, readerTimeZone, totals } from './daily-series.ts';

// The chart library loads only when the dashboard draws a chart, not with the first page.
const DailyPlot = lazy(() => import('./daily-plot.tsx'));

const COLUMNS = [
  'dashboard.col.day',
  'dashboard.col.received',
  'dashboard.col.shipped',
  'dashboard.col.onTime',
] as const;

/**
 * Orders per day and the on-time share (R-SLA-5), as a chart with the same figures in words: the
 * caption sums them up and a table gives every day, for a screen reader or a closer look.
 */
export function DailyChart() {
  const { t, format } = useI18n();
  const [days, setDays] = useState<number>(DAILY_WINDOWS[1]);
  const [showTable, setShowTable] = useState(false);
  const [zone] = useState(readerTimeZone);
  const report = useDailyReport(days, zone);
  const ids = { select: useId(), table: useId() };
  const share = (s: number | null) => (s === null ? t('dashboard.none') : format.percent(s));
  return (
    <section aria-labelledby="daily" className="daily">
      <h2 id="daily">{t('dashboard.daily')}</h2>
      <p className="muted small">{t('dashboard.dailyHint', { zone })}</p>
      <label htmlFor={ids.select}>{t('dashboard.dailyWindow')} </label>
      <select id={ids.select} value={days} onChange={(e) => setDays(Number(e.target.value))}>
        {DAILY_WINDOWS.map((n) => (
          <option key={n} value={n}>
            {t('dashboard.dailyWindowDays', { days: n })}
          </option>
        ))}
      </select>
      <QueryState query={report}>
        {(r) => {
          const sum = totals(r.days);
          return (
            <figure className="daily-figure">
              <Suspense
                fallback={
                  <p className="muted" aria-busy="true">
                    {t('app.loading')}
                  </p>
                }
              >
                <DailyPlot days={r.days} />
              </Suspense>
              <figcaption>
                {t('dashboard.dailySummary', {
                  days,
                  received: format.number(sum.received),
                  shipped: format.number(sum.shipped),
                  onTime: share(sum.onTimeShare),
                })}{' '}
                <button
                  type="button"
                  aria-expanded={showTable}
                  aria-controls={ids.table}
                  onClick={() => setShowTable((v) => !v)}
                >
                  {t(showTable ? 'dashboard.dailyHideTable' : 'dashboard.dailyShowTable')}
                </button>
              </figcaption>
              <div id={ids.table} hidden={!showTable}>
                <DataTable<DailyDay>
                  items={r.days}
                  caption="dashboard.dailyCaption"
                  empty="dashboard.none"
                  columns={COLUMNS}
                  vars={{ days }}
                  row={(d) => (
                    <tr key={d.day}>
                      <th scope="row">
                        <time dateTime={d.day}>{format.day(d.day)}</time>
                      </th>
                      <td>{format.number(d.received)}</td>
                      <td>{format.number(d.shipped)}</td>
                      <td>{share(d.onTimeShare)}</td>
                    </tr>
                  )}
                />
              </div>
            </figure>
          );
        }}
      </QueryState>
    </section>
  );
}
