import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/router.tsx';
import { PATHS } from '../router/routes.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('app.notFound')}</h1>
      <p>
        <Link href={PATHS.dashboard}>{t('nav.dashboard')}</Link>
      </p>
    </>
  );
}
