import { type FormEvent, useState } from 'react';
import { useUpsertSkuMapping } from '../../api/catalog.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function MappingForm() {
  const { t } = useI18n();
  const save = useUpsertSkuMapping();
  const [sku, setSku] = useState('');
  const [seller, setSeller] = useState('');
  const [item, setItem] = useState('');
  const [units, setUnits] = useState('1');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      marketplaceSkuId: sku,
      supplierItemCode: item,
      unitsPerSku: Number(units),
      ...(seller && { sellerSku: seller }),
    });
  };
  return (
    <form onSubmit={submit} className="form">
      <fieldset>
        <legend>{t('sku.add')}</legend>
        <TextField
          label={t('sku.col.marketplaceSku')}
          value={sku}
          onChange={(e) => setSku(e.target.value)}
          required
          maxLength={64}
        />
        <TextField
          label={t('sku.col.sellerSku')}
          value={seller}
          onChange={(e) => setSeller(e.target.value)}
          maxLength={64}
        />
        <TextField
          label={t('sku.col.supplierItem')}
          value={item}
          onChange={(e) => setItem(e.target.value)}
          required
          maxLength={64}
        />
        <TextField
          label={t('sku.col.units')}
          type="number"
          min={1}
          max={1000}
          value={units}
          onChange={(e) => setUnits(e.target.value)}
          required
        />
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('sku.save')}
        </button>
        {save.isSuccess && <p role="status">{t('sku.saved', { n: save.data.rechecked })}</p>}
        {save.isError && <ErrorMessage error={save.error} />}
      </fieldset>
    </form>
  );
}
