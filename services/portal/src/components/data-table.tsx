import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

/**
 * A list as the portal shows every list: a sentence when it is empty, else a captioned table
 * with its column headers. `row` renders one item as a `<tr>` (its first cell a row header);
 * `vars` fill the caption's and the empty sentence's placeholders.
 */
export function DataTable<T>({
  items,
  caption,
  empty,
  columns,
  row,
  vars,
}: {
  items: readonly T[];
  caption: MessageKey;
  empty: MessageKey;
  columns: readonly MessageKey[];
  row: (item: T) => ReactNode;
  vars?: Record<string, string | number>;
}) {
  const { t } = useI18n();
  if (items.length === 0) return <p>{t(empty, vars)}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t(caption, vars)}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{items.map(row)}</tbody>
      </table>
    </div>
  );
}
