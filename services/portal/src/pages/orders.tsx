import { useState } from 'react';
import { OPEN_STATUSES, useOrders } from '../api/orders.ts';
import { Countdown } from '../components/countdown.tsx';
import { DateTime } from '../components/date-time.tsx';
import { useKeysetPages } from '../components/keyset-pages.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/router.tsx';
import { orderPath } from '../router/routes.ts';
import { NO_FILTERS, type OrderFilters, OrderFiltersForm, toListInput } from './orders/filters.tsx';

const PAGE_SIZE = 25;

export function OrdersPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<OrderFilters>(NO_FILTERS);
  const pages = useKeysetPages();
  const orders = useOrders({
    limit: PAGE_SIZE,
    ...(pages.cursor && { cursor: pages.cursor }),
    ...toListInput(filters),
  });
  return (
    <>
      <h1>{t('orders.title')}</h1>
      <OrderFiltersForm
        value={filters}
        onChange={(f) => {
          setFilters(f);
          pages.reset();
        }}
      />
      <PagedTable
        query={orders}
        pages={pages}
        empty="orders.empty"
        caption="orders.caption"
        columns={[
          'orders.col.number',
          'orders.col.status',
          'orders.col.shipBy',
          'orders.col.country',
          'orders.col.tracking',
          'orders.col.created',
        ]}
        row={(o) => (
          <tr key={o.id}>
            <th scope="row">
              <Link href={orderPath(o.id)}>{o.orderNumber}</Link>
            </th>
            <td>
              <StatusBadge status={o.status} />
            </td>
            <td>
              {OPEN_STATUSES.includes(o.status) ? (
                <Countdown deadline={o.shipBy} />
              ) : (
                <DateTime iso={o.shipBy} />
              )}
            </td>
            <td>{o.shipCountry}</td>
            <td>{o.trackingNumber}</td>
            <td>
              <DateTime iso={o.createdAt} />
            </td>
          </tr>
        )}
      />
    </>
  );
}
