import { useTenants } from '../../api/ops.ts';
import { DataTable } from '../../components/data-table.tsx';
import { DateTime } from '../../components/date-time.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function TenantsPage() {
  const { t, format } = useI18n();
  const tenants = useTenants();
  return (
    <>
      <h1>{t('ops.tenants.title')}</h1>
      <QueryState query={tenants}>
        {(rows) => (
          <DataTable
            items={rows}
            caption="ops.tenants.caption"
            empty="ops.tenants.empty"
            columns={[
              'ops.tenants.col.name',
              'ops.tenants.col.shops',
              'ops.tenants.col.open',
              'ops.tenants.col.since',
            ]}
            row={(r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{format.number(r.shops)}</td>
                <td>{format.number(r.openOrders)}</td>
                <td>
                  <DateTime iso={r.createdAt} />
                </td>
              </tr>
            )}
          />
        )}
      </QueryState>
    </>
  );
}
