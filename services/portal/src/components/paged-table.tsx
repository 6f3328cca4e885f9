import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/en.ts';
import { DataTable } from './data-table.tsx';
import { Pager, type useKeysetPages } from './keyset-pages.tsx';
import { QueryState } from './query-state.tsx';

/** One keyset page of a list: loading and error states, the list's table, and the pager. */
export function PagedTable<T>({
  query,
  pages,
  ...table
}: {
  query: UseQueryResult<{ items: T[]; nextCursor: string | null }>;
  pages: ReturnType<typeof useKeysetPages>;
  empty: MessageKey;
  caption: MessageKey;
  columns: readonly MessageKey[];
  row: (item: T) => ReactNode;
}) {
  return (
    <QueryState query={query}>
      {(page) => (
        <>
          <DataTable items={page.items} {...table} />
          {page.items.length > 0 && <Pager pages={pages} nextCursor={page.nextCursor} />}
        </>
      )}
    </QueryState>
  );
}
