import type { ImportReport } from '../../api/imports.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

/**
 * The row report of an import: how many orders were kept, and each refused row with its row
 * number as a spreadsheet shows it, the column, the stable code and what it means.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, has, format } = useI18n();
  const problems = report.rejections.flatMap((r) =>
    r.errors.map((e) => ({ ...e, orderNumber: r.orderNumber })),
  );
  return (
    <div role="status">
      <h3>{t('import.report')}</h3>
      <p>
        {t('import.summary', {
          rows: format.number(report.rows),
          accepted: format.number(report.accepted),
          rejected: format.number(report.rejected),
        })}
      </p>
      {report.duplicate && <p className="muted">{t('import.duplicate')}</p>}
      {problems.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption>{t('import.refused')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.col.row')}</th>
                <th scope="col">{t('import.col.order')}</th>
                <th scope="col">{t('import.col.column')}</th>
                <th scope="col">{t('import.col.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => {
                const key = `import.code.${p.code}`;
                return (
                  <tr key={`${p.row}:${p.column}:${p.code}`}>
                    <th scope="row">{p.row}</th>
                    <td>{p.orderNumber ?? '—'}</td>
                    <td>{p.column}</td>
                    <td className="error">
                      {has(key) ? t(key) : p.message}
                      <code>{p.code}</code>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
