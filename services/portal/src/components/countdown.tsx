import { useI18n } from '../i18n/i18n-context.tsx';
import { useNow } from './use-now.ts';

const MIN = 60_000;

/** Time left to the marketplace's ship-by deadline, or how late the order is. */
export function Countdown({ deadline }: { deadline: string | null }) {
  const { t, format } = useI18n();
  const now = useNow();
  if (!deadline) return <span className="muted">{t('countdown.none')}</span>;
  const left = new Date(deadline).getTime() - now;
  const total = Math.floor(Math.abs(left) / MIN);
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const time =
    d > 0
      ? t('duration.dh', { d, h })
      : h > 0
        ? t('duration.hm', { h, m })
        : t('duration.m', { m });
  const urgent = left < 12 * 60 * MIN;
  return (
    <time
      dateTime={deadline}
      title={format.dateTime(deadline)}
      className={left < 0 ? 'countdown late' : urgent ? 'countdown urgent' : 'countdown'}
    >
      {left < 0 ? t('countdown.late', { time }) : t('countdown.left', { time })}
    </time>
  );
}
