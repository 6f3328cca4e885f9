import { type FormEvent, useState } from 'react';
import { useAcknowledge, useReject, useShip } from '../../api/supplier.ts';
import { Refusal } from '../../components/refusal.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useAnnounce } from '../../layout/announcer.tsx';

/** `datetime-local` wants local time without a zone: tomorrow at this hour, as a default. */
function localInput(d: Date): string {
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

/** R-SLA-2: acknowledge with the expected ship time, or turn the dispatch down with a reason. */
export function AckForm({ dispatchId }: { dispatchId: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const ack = useAcknowledge();
  const reject = useReject();
  const [when, setWhen] = useState(() => localInput(new Date(Date.now() + 24 * 3_600_000)));
  const [reason, setReason] = useState('');
  const acknowledge = (e: FormEvent) => {
    e.preventDefault();
    ack.mutate(
      { dispatchId, expectedShipAt: new Date(when).toISOString() },
      { onSuccess: () => announce(t('supplier.acknowledged')) },
    );
  };
  const turnDown = (e: FormEvent) => {
    e.preventDefault();
    reject.mutate({ dispatchId, reason }, { onSuccess: () => announce(t('supplier.rejected')) });
  };
  return (
    <>
      <form className="form inline" onSubmit={acknowledge}>
        <TextField
          label={t('supplier.expectedShipAt')}
          type="datetime-local"
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          required
        />
        <button type="submit" className="primary" disabled={ack.isPending}>
          {t('supplier.acknowledge')}
        </button>
        {ack.isError && <Refusal error={ack.error} />}
      </form>
      <form className="form inline" onSubmit={turnDown}>
        <TextField
          label={t('supplier.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          maxLength={500}
        />
        <button type="submit" disabled={reject.isPending}>
          {t('supplier.reject')}
        </button>
        {reject.isError && <Refusal error={reject.error} />}
      </form>
    </>
  );
}

/** Carriers of the marketplace's preset list (R-TRK-3) offered as suggestions; any name may be typed. */
const CARRIERS = ['USPS', 'UPS', 'FedEx', 'DHL Express', 'China Post', 'YunExpress', '4PX'];

/**
 * R-SLA-3, R-TRK-1: the tracking number and carrier, checked by the api as the partner API
 * checks them; a refusal says why. On an order with a platform label the number is the label's.
 */
export function TrackingForm({
  dispatchId,
  labelTrackingNumber,
}: {
  dispatchId: string;
  labelTrackingNumber: string | null;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const ship = useShip();
  const [number, setNumber] = useState(labelTrackingNumber ?? '');
  const [carrier, setCarrier] = useState(labelTrackingNumber ? 'TikTok Shipping' : '');
  const listId = `carriers-${dispatchId}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ship.mutate(
      { dispatchId, trackingNumber: number, carrier },
      { onSuccess: () => announce(t('supplier.shipped')) },
    );
  };
  return (
    <form className="form inline" onSubmit={submit}>
      <TextField
        label={t('supplier.trackingNumber')}
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        required
        maxLength={64}
        autoComplete="off"
      />
      <TextField
        label={t('supplier.carrier')}
        value={carrier}
        onChange={(e) => setCarrier(e.target.value)}
        required
        maxLength={64}
        list={listId}
      />
      <datalist id={listId}>
        {CARRIERS.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <button type="submit" className="primary" disabled={ship.isPending}>
        {t('supplier.ship')}
      </button>
      {ship.isError && <Refusal error={ship.error} />}
    </form>
  );
}
