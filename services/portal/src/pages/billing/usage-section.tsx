import { useEstimate, usePeriodToDate } from '../../api/billing.ts';
import { DataTable } from '../../components/data-table.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Money } from './money.tsx';

/** This month so far, per currency (never converted), and where its pace leads (R-BIL-1). */
export function UsageSection() {
  const { t, format } = useI18n();
  const usage = usePeriodToDate();
  const estimate = useEstimate();
  return (
    <section aria-labelledby="billing-usage">
      <h2 id="billing-usage">{t('billing.usage')}</h2>
      <QueryState query={usage}>
        {(u) => (
          <DataTable
            items={u.currencies}
            caption="billing.usage.caption"
            empty="billing.usage.empty"
            vars={{ month: u.month }}
            columns={[
              'billing.col.currency',
              'billing.col.orders',
              'billing.col.fees',
              'billing.col.markup',
              'billing.col.credits',
              'billing.col.adjustments',
              'billing.col.total',
            ]}
            row={(c) => (
              <tr key={c.currency}>
                <th scope="row">{c.currency}</th>
                <td>{format.number(c.orders)}</td>
                <td>
                  <Money amount={c.fees} currency={c.currency} />
                </td>
                <td>
                  <Money amount={c.markup} currency={c.currency} />
                </td>
                <td>
                  <Money amount={c.credits} currency={c.currency} />
                </td>
                <td>
                  <Money amount={c.adjustments} currency={c.currency} />
                </td>
                <td>
                  <Money amount={c.total} currency={c.currency} />
                </td>
              </tr>
            )}
          />
        )}
      </QueryState>
      <h3>{t('billing.estimate')}</h3>
      <QueryState query={estimate}>
        {(e) =>
          e.currencies.length === 0 ? (
            <p>{t('billing.estimate.empty')}</p>
          ) : (
            <ul className="estimate">
              {e.currencies.map((c) => (
                <li key={c.currency}>
                  {t('billing.estimate.line', {
                    toDate: format.money(Number(c.toDate.minor), c.currency),
                    projected: format.money(Number(c.projected.minor), c.currency),
                  })}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}
