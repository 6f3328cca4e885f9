import type { OrderDetail } from '../../api/types.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function Timeline({ events }: { events: OrderDetail['timeline'] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{t('order.timeline')}</h2>
      <ol className="timeline">
        {events.map((e, i) => (
          // Events have no id of their own; the timeline only grows at its end.
          <li key={i}>
            <DateTime iso={e.at} /> <span className="event">{t(`event.${e.kind}`)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
