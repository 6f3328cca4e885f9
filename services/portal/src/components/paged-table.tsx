import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Pager, type useKeysetPages } from './keyset-pages.tsx';
import { QueryState } from './query-state.tsx';

/**
 * One keyset page of a list as the portal shows every list: loading and error states, a
 * sentence when it is empty, else a captioned table with its column headers and the pager.
 * `row` renders one item as a `<tr>` (its first cell a row header).
 */
export function PagedTable<T>({
  query,
  pages,
  empty,
  caption,
  columns,
  row,
}: {
  query: UseQueryResult<{ items: T[]; nextCursor: string | null }>;
  pages: ReturnType<typeof useKeysetPages>;
  empty: MessageKey;
  caption: MessageKey;
  columns: readonly MessageKey[];
  row: (item: T) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <QueryState query={query}>
      {(page) =>
        page.items.length === 0 ? (
          <p>{t(empty)}</p>
        ) : (
          <>
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
                <tbody>{page.items.map(row)}</tbody>
              </table>
            </div>
            <Pager pages={pages} nextCursor={page.nextCursor} />
          </>
        )
      }
    </QueryState>
  );
}
