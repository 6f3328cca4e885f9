import { useDiagnosis } from '../../api/orders.ts';
import type { Diagnosis } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

type Decision = Diagnosis['routing'][number];
type Candidate = NonNullable<Decision['ranked']>[number];

/** Landed costs are quoted in US dollars (supplier catalogs are in USD). */
const COST_CURRENCY = 'USD';

function Candidates({ ranked }: { ranked: Candidate[] }) {
  const { t, format } = useI18n();
  const score = (n: number) => format.number(Math.round(n * 100) / 100);
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('order.routing.col.supplier')}</th>
            <th scope="col">{t('order.routing.col.score')}</th>
            <th scope="col">{t('order.routing.col.cost')}</th>
            <th scope="col">{t('order.routing.col.speed')}</th>
            <th scope="col">{t('order.routing.col.record')}</th>
            <th scope="col">{t('order.routing.col.landed')}</th>
            <th scope="col">{t('order.routing.col.expected')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((c) => (
            <tr key={c.supplierId}>
              <th scope="row">
                {c.code}
                {c.pinned && <span className="tag">{t('order.routing.pinned')}</span>}
                {c.late && <span className="tag warn">{t('order.routing.late')}</span>}
              </th>
              <td>{score(c.score)}</td>
              <td>{score(c.parts.cost)}</td>
              <td>{score(c.parts.speed)}</td>
              <td>{score(c.parts.record)}</td>
              <td>{format.money(c.landedCostMinor, COST_CURRENCY)}</td>
              <td>
                <DateTime iso={c.expectedShipAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionView({ d }: { d: Decision }) {
  const { t } = useI18n();
  return (
    <article className="decision">
      <h3>
        <DateTime iso={d.at} /> {t(`order.routing.decision.${d.decision}`)}
      </h3>
      {d.chosen && <p>{t('order.routing.chosen', { code: d.chosen })}</p>}
      {d.ranked && d.ranked.length > 0 && <Candidates ranked={d.ranked} />}
      {d.rejected.length > 0 && (
        <>
          <h4>{t('order.routing.rejected')}</h4>
          <ul>
            {d.rejected.map((r) => (
              <li key={r.supplierId}>
                {r.code}: {r.reasons.join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

/** R-RT-1: where routing sent the order and why, from the order's diagnosis. */
export function RoutingSection({ id }: { id: string }) {
  const { t } = useI18n();
  const diagnosis = useDiagnosis(id);
  return (
    <section aria-labelledby="routing">
      <h2 id="routing">{t('order.routing')}</h2>
      <QueryState query={diagnosis}>
        {(d) =>
          d.routing.length === 0 ? (
            <p>{t('order.routing.none')}</p>
          ) : (
            d.routing.map((r) => <DecisionView key={r.at} d={r} />)
          )
        }
      </QueryState>
    </section>
  );
}
