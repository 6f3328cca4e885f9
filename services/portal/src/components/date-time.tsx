import { useI18n } from '../i18n/i18n-context.tsx';

export function DateTime({ iso }: { iso: string | null }) {
  const { format, t } = useI18n();
  if (!iso) return <span className="muted">{t('dashboard.none')}</span>;
  return <time dateTime={iso}>{format.dateTime(iso)}</time>;
}
