import { useState } from 'react';
import { useAckAlert, useAlerts } from '../../api/ops.ts';
import { DateTime } from '../../components/date-time.tsx';
import { Pager, useKeysetPages } from '../../components/keyset-pages.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { Refusal } from '../../components/refusal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** What the platform raised for operators; acknowledging one records who saw to it. */
export function AlertsPage() {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  const pages = useKeysetPages();
  const alerts = useAlerts(open, pages.cursor);
  const show = (which: boolean) => {
    setOpen(which);
    pages.reset();
  };
  const ack = useAckAlert();
  return (
    <>
      <h1>{t('ops.alerts.title')}</h1>
      <div className="buttons">
        <button type="button" aria-pressed={open} onClick={() => show(true)}>
          {t('ops.alerts.open')}
        </button>
        <button type="button" aria-pressed={!open} onClick={() => show(false)}>
          {t('ops.alerts.all')}
        </button>
      </div>
      {ack.isError && <Refusal error={ack.error} />}
      <QueryState query={alerts}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('ops.alerts.empty')}</p>
          ) : (
            <>
              <ul className="cards">
                {page.items.map((a) => (
                  <li key={a.id} className="card">
                    <p>
                      <code>{a.kind}</code> · <DateTime iso={a.createdAt} />
                    </p>
                    <p>{a.message}</p>
                    {a.ackedAt ? (
                      <p className="muted">
                        {t('ops.alerts.acked')} <DateTime iso={a.ackedAt} />
                      </p>
                    ) : (
                      <button
                        type="button"
                        disabled={ack.isPending}
                        onClick={() => ack.mutate(a.id)}
                      >
                        {t('ops.alerts.ack')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <Pager pages={pages} nextCursor={page.nextCursor} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
