import type { OrderDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function LinesTable({ lines }: { lines: OrderDetail['lines'] }) {
  const { t, format } = useI18n();
  return (
    <section aria-labelledby="lines">
      <h2 id="lines">{t('order.lines')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('order.line.name')}</th>
              <th scope="col">{t('order.line.sku')}</th>
              <th scope="col">{t('order.line.sellerSku')}</th>
              <th scope="col">{t('order.line.quantity')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.skuId}>
                <th scope="row">{l.name}</th>
                <td>{l.skuId}</td>
                <td>{l.sellerSku}</td>
                <td>{format.number(l.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
