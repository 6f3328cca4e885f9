import { type FormEvent, useState } from 'react';
import { useUpdateAddress } from '../../api/orders.ts';
import type { OrderDetail, Recipient } from '../../api/types.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ignore, useAnnounce } from '../../layout/announcer.tsx';

const EMPTY: Recipient = {
  name: '',
  phone: '',
  addressLines: [''],
  city: '',
  region: '',
  postalCode: '',
  country: '',
};

/** The held order's address, editable; saving stores the correction and re-runs the checks. */
export function AddressForm({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const save = useUpdateAddress();
  const [a, setA] = useState<Recipient>(order.recipient ?? EMPTY);
  const set = (field: keyof Recipient) => (e: { target: { value: string } }) =>
    setA({ ...a, [field]: e.target.value });
  const setLine = (i: number) => (e: { target: { value: string } }) => {
    const lines = [...a.addressLines];
    lines[i] = e.target.value;
    setA({ ...a, addressLines: lines });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Announced by the shell: a fixed order may leave the page before the answer arrives.
    save
      .mutateAsync({
        id: order.id,
        address: { ...a, addressLines: a.addressLines.filter((l) => l.trim()) },
      })
      .then(() => announce(t('holds.saved')), ignore);
  };
  return (
    <form onSubmit={submit} className="form">
      <fieldset>
        <legend>{t('holds.fixAddress')}</legend>
        <TextField label={t('address.name')} value={a.name} onChange={set('name')} required />
        <TextField label={t('address.phone')} value={a.phone} onChange={set('phone')} required />
        <TextField
          label={t('address.line1')}
          value={a.addressLines[0] ?? ''}
          onChange={setLine(0)}
          required
        />
        <TextField
          label={t('address.line2')}
          value={a.addressLines[1] ?? ''}
          onChange={setLine(1)}
        />
        <TextField label={t('address.city')} value={a.city} onChange={set('city')} required />
        <TextField label={t('address.region')} value={a.region} onChange={set('region')} />
        <TextField
          label={t('address.postalCode')}
          value={a.postalCode}
          onChange={set('postalCode')}
          required
        />
        <TextField
          label={t('address.country')}
          value={a.country}
          onChange={set('country')}
          required
          maxLength={2}
          autoComplete="country"
        />
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('address.save')}
        </button>
        {save.isError && <ErrorMessage error={save.error} />}
      </fieldset>
    </form>
  );
}
