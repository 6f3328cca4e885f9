import { useState } from 'react';
import { fetchLabel, useSupplierDispatches } from '../../api/supplier.ts';
import type { Outputs } from '../../api/types.ts';
import { Countdown } from '../../components/countdown.tsx';
import { DateTime } from '../../components/date-time.tsx';
import { fromBase64, saveFile } from '../../components/download.ts';
import { Pager, useKeysetPages } from '../../components/keyset-pages.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { Refusal } from '../../components/refusal.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { AckForm, TrackingForm } from './dispatch-actions.tsx';

type Dispatch = Outputs['supplier']['dispatches']['list']['items'][number];

function LabelButton({ dispatchId }: { dispatchId: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const l = await fetchLabel(dispatchId);
      saveFile(l.fileName, l.contentType, fromBase64(l.base64));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={download} disabled={busy}>
        {t('supplier.label')}
      </button>
      {error !== null && <Refusal error={error} />}
    </>
  );
}

function DispatchCard({ d }: { d: Dispatch }) {
  const { t } = useI18n();
  const number = d.orderNumber ?? d.id;
  return (
    <li className="card" aria-labelledby={`dispatch-${d.id}`}>
      <h2 id={`dispatch-${d.id}`}>{t('supplier.order', { number })}</h2>
      <dl className="summary">
        <div>
          <dt>{t('supplier.col.status')}</dt>
          <dd>
            <span className={`badge badge-${d.status}`}>{t(`dispatchStatus.${d.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('supplier.col.items')}</dt>
          <dd>
            {d.lines.map((l) => t('supplier.line', { code: l.itemCode, n: l.quantity })).join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('supplier.col.shipBy')}</dt>
          <dd>
            {d.status === 'sent' || d.status === 'acknowledged' ? (
              <Countdown deadline={d.shipBy} />
            ) : (
              <DateTime iso={d.shipBy} />
            )}
          </dd>
        </div>
        {d.status === 'sent' && (
          <div>
            <dt>{t('supplier.col.ackDue')}</dt>
            <dd>
              <Countdown deadline={d.ackDueAt} />
            </dd>
          </div>
        )}
        {d.expectedShipAt && (
          <div>
            <dt>{t('supplier.expectedShipAt')}</dt>
            <dd>
              <DateTime iso={d.expectedShipAt} />
            </dd>
          </div>
        )}
        {d.trackingNumber && (
          <div>
            <dt>{t('supplier.col.tracking')}</dt>
            <dd>
              {d.trackingNumber} · {d.carrier}
            </dd>
          </div>
        )}
      </dl>
      {d.labelTrackingNumber && (d.status === 'sent' || d.status === 'acknowledged') && (
        <p>
          {t('supplier.hasLabel', { number: d.labelTrackingNumber })}{' '}
          <LabelButton dispatchId={d.id} />
        </p>
      )}
      {d.status === 'sent' && <AckForm dispatchId={d.id} />}
      {d.status === 'acknowledged' && (
        <TrackingForm dispatchId={d.id} labelTrackingNumber={d.labelTrackingNumber} />
      )}
    </li>
  );
}

/** The supplier's assigned dispatches, open ones first, each with what it can do next. */
export function SupplierDispatchesPage() {
  const { t } = useI18n();
  const pages = useKeysetPages();
  const list = useSupplierDispatches(pages.cursor);
  return (
    <>
      <h1>{t('supplier.title')}</h1>
      <p className="muted">{t('supplier.hint')}</p>
      <QueryState query={list}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('supplier.empty')}</p>
          ) : (
            <>
              <ul className="cards">
                {page.items.map((d) => (
                  <DispatchCard key={d.id} d={d} />
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
