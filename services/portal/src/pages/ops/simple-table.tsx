import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/en.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** A captioned table of a whole (small) list: column headers, and a sentence when empty. */
export function SimpleTable<T>({
  items,
  caption,
  empty,
  columns,
  row,
}: {
  items: T[];
  caption: MessageKey;
  empty: MessageKey;
  columns: readonly MessageKey[];
  row: (item: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (items.length === 0) return <p>{t(empty)}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption>{t(caption)}</caption>
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
