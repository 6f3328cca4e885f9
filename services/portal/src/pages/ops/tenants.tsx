import { useTenants } from '../../api/ops.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useKeysetPages } from '../../components/keyset-pages.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function TenantsPage() {
  const { t, format } = useI18n();
  const pages = useKeysetPages();
  const tenants = useTenants(pages.cursor);
  return (
    <>
      <h1>{t('ops.tenants.title')}</h1>
      <PagedTable
        query={tenants}
        pages={pages}
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
    </>
  );
}
