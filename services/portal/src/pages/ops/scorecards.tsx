import { useScorecards } from '../../api/ops.ts';
import { DataTable } from '../../components/data-table.tsx';
import { Pager, useKeysetPages } from '../../components/keyset-pages.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** Every supplier's record over the routing window (R-RT-1, R-SLA-2, R-SLA-3, R-TRK-1). */
export function ScorecardsPage() {
  const { t, format } = useI18n();
  const pages = useKeysetPages();
  const cards = useScorecards(pages.cursor);
  const share = (v: number | null) => (v === null ? t('dashboard.none') : format.percent(v));
  return (
    <>
      <h1>{t('ops.suppliers.title')}</h1>
      <QueryState query={cards}>
        {(c) => (
          <>
            <p className="muted">{t('ops.suppliers.window', { days: c.windowDays })}</p>
            <DataTable
              items={c.items}
              caption="ops.suppliers.caption"
              empty="ops.suppliers.empty"
              columns={[
                'ops.suppliers.col.name',
                'ops.suppliers.col.state',
                'ops.suppliers.col.dispatched',
                'ops.suppliers.col.acked',
                'ops.suppliers.col.onTime',
                'ops.suppliers.col.tracking',
                'ops.suppliers.col.score',
              ]}
              row={(s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.name} <span className="muted">({s.code})</span>
                  </th>
                  <td>
                    {t(
                      !s.active
                        ? 'ops.suppliers.inactive'
                        : s.paused
                          ? 'ops.suppliers.paused'
                          : 'ops.suppliers.active',
                    )}
                  </td>
                  <td>{format.number(s.dispatched)}</td>
                  <td>{share(s.ackedInTime)}</td>
                  <td>{share(s.shippedOnTime)}</td>
                  <td>{share(s.validTracking)}</td>
                  <td>{format.percent(s.score)}</td>
                </tr>
              )}
            />
            {c.items.length > 0 && <Pager pages={pages} nextCursor={c.nextCursor} />}
          </>
        )}
      </QueryState>
    </>
  );
}
