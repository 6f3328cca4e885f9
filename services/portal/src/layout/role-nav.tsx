import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/router.tsx';

/** The navigation of the supplier or operator portal: one link per page of the role. */
export function RoleNav<K extends string>({
  pages,
  current,
}: {
  pages: Record<K, { path: string; label: MessageKey }>;
  current: K | 'notFound';
}) {
  const { t } = useI18n();
  const entries = Object.entries(pages) as Array<[K, { path: string; label: MessageKey }]>;
  return (
    <nav aria-label={t('nav.label')} className="nav">
      <ul>
        {entries.map(([page, p]) => (
          <li key={page}>
            <Link href={p.path} aria-current={current === page ? 'page' : undefined}>
              {t(p.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
