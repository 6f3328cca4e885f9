import { useSlaBoard } from '../../api/ops.ts';
import { Countdown } from '../../components/countdown.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** R-SLA-1 across tenants: late orders first, then those due within 48 hours. */
export function SlaBoardPage() {
  const { t, has } = useI18n();
  const board = useSlaBoard();
  const label = (key: string, fallback: string) => (has(key) ? t(key) : fallback);
  return (
    <>
      <h1>{t('ops.sla.title')}</h1>
      <p className="muted">{t('ops.sla.hint')}</p>
      <QueryState query={board}>
        {(b) => {
          const late = b.orders.filter((o) => o.late).length;
          return (
            <>
              <div className="figures">
                <div className="figure">
                  <p>{t('ops.sla.late')}</p>
                  <p className="figure-value">{late}</p>
                </div>
                <div className="figure">
                  <p>{t('ops.sla.atRisk')}</p>
                  <p className="figure-value">{b.orders.length - late}</p>
                </div>
              </div>
              <DataTable
                items={b.orders}
                caption="ops.sla.caption"
                empty="ops.sla.empty"
                columns={[
                  'ops.sla.col.order',
                  'ops.sla.col.tenant',
                  'ops.sla.col.status',
                  'ops.sla.col.deadline',
                ]}
                row={(o) => (
                  <tr key={o.orderId}>
                    <th scope="row">{o.orderNumber}</th>
                    <td>{o.tenantName}</td>
                    <td>{label(`status.${o.status}`, o.status)}</td>
                    <td>
                      <Countdown deadline={o.shipBy} />
                    </td>
                  </tr>
                )}
              />
            </>
          );
        }}
      </QueryState>
    </>
  );
}
