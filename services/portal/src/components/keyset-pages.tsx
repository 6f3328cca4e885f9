import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';

/**
 * Keyset paging: the api hands out the next page's cursor; the cursors of pages already seen
 * are kept to go back. `reset` starts again from the first page (a filter changed).
 */
export function useKeysetPages() {
  const [trail, setTrail] = useState<string[]>([]);
  return {
    cursor: trail.at(-1),
    hasPrevious: trail.length > 0,
    next: (cursor: string) => setTrail((t) => [...t, cursor]),
    previous: () => setTrail((t) => t.slice(0, -1)),
    reset: () => setTrail([]),
  };
}

export function Pager({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useKeysetPages>;
  nextCursor: string | null;
}) {
  const { t } = useI18n();
  if (!pages.hasPrevious && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={t('paging.label')}>
      <button type="button" disabled={!pages.hasPrevious} onClick={pages.previous}>
        {t('paging.previous')}
      </button>
      <button
        type="button"
        disabled={!nextCursor}
        onClick={() => nextCursor && pages.next(nextCursor)}
      >
        {t('paging.next')}
      </button>
    </nav>
  );
}
