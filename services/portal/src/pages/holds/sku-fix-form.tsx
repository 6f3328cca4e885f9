import { type FormEvent, useId, useState } from 'react';
import { useUpsertSkuMapping } from '../../api/catalog.ts';
import type { OrderDetail } from '../../api/types.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { ignore, useAnnounce } from '../../layout/announcer.tsx';

/** Maps one of the order's SKUs to a supplier item; the api then re-checks held orders. */
export function SkuFixForm({ order }: { order: OrderDetail }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const save = useUpsertSkuMapping();
  const skuId = useId();
  const [sku, setSku] = useState(order.lines[0]?.skuId ?? '');
  const [item, setItem] = useState('');
  const line = order.lines.find((l) => l.skuId === sku);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Announced by the shell: a fixed order may leave the page before the answer arrives.
    save
      .mutateAsync({
        marketplaceSkuId: sku,
        supplierItemCode: item,
        ...(line?.sellerSku && { sellerSku: line.sellerSku }),
      })
      .then((r) => announce(t('sku.saved', { n: r.rechecked })), ignore);
  };
  return (
    <form onSubmit={submit} className="form">
      <fieldset>
        <legend>{t('holds.fixSku')}</legend>
        <div className="field">
          <label htmlFor={skuId}>{t('sku.col.marketplaceSku')}</label>
          <select id={skuId} value={sku} onChange={(e) => setSku(e.target.value)}>
            {order.lines.map((l) => (
              <option key={l.skuId} value={l.skuId}>
                {l.skuId} · {l.sellerSku}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('sku.col.supplierItem')}
          value={item}
          onChange={(e) => setItem(e.target.value)}
          required
          maxLength={64}
        />
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('sku.save')}
        </button>
        {save.isError && <ErrorMessage error={save.error} />}
      </fieldset>
    </form>
  );
}
