import type { OrderStatus } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
