import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ErrorMessage } from './error-message.tsx';

/** A query's loading and error states, the same on every page; `children` gets the data. */
export function QueryState<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending)
    return (
      <p className="muted" aria-busy="true">
        {t('app.loading')}
      </p>
    );
  if (query.isError)
    return (
      <div>
        <ErrorMessage error={query.error} />
        <button type="button" onClick={() => void query.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  return <>{children(query.data)}</>;
}
