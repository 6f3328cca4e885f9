import { useOrder, useOrders } from '../api/orders.ts';
import type { OrderSummary } from '../api/types.ts';
import { Countdown } from '../components/countdown.tsx';
import { Pager, useKeysetPages } from '../components/keyset-pages.tsx';
import { QueryState } from '../components/query-state.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/router.tsx';
import { orderPath } from '../router/routes.ts';
import { HoldFixer } from './holds/hold-fixer.tsx';

function HeldOrder({ summary }: { summary: OrderSummary }) {
  const { t } = useI18n();
  const order = useOrder(summary.id);
  return (
    <li className="card">
      <h2>
        <Link
          href={orderPath(summary.id)}
          aria-label={t('holds.open', { number: summary.orderNumber })}
        >
          {summary.orderNumber}
        </Link>{' '}
        <Countdown deadline={summary.shipBy} />
      </h2>
      <QueryState query={order}>{(o) => o.holds.length > 0 && <HoldFixer order={o} />}</QueryState>
    </li>
  );
}

/** Every held order with its reasons and fixes in place. */
export function HoldsPage() {
  const { t } = useI18n();
  const pages = useKeysetPages();
  const held = useOrders({
    status: 'on_hold',
    limit: 10,
    ...(pages.cursor && { cursor: pages.cursor }),
  });
  return (
    <>
      <h1>{t('holds.title')}</h1>
      <QueryState query={held}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('holds.empty')}</p>
          ) : (
            <>
              <ul className="cards">
                {page.items.map((o) => (
                  <HeldOrder key={o.id} summary={o} />
                ))}
              </ul>
              <Pager pages={pages} nextCursor={page.nextCursor} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
