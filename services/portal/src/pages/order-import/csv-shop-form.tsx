import type { FormEvent } from 'react';
import { useCreateCsvShop } from '../../api/imports.ts';
import { Refusal } from '../../components/refusal.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** Creates a file-only shop (R-IN-3); the page then offers it for the next upload. */
export function CsvShopForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const create = useCreateCsvShop();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const value = (name: string) =>
      (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const code = value('platformShopId');
    create.mutate(
      {
        name: value('name'),
        region: value('region').toUpperCase(),
        ...(code && { platformShopId: code }),
      },
      {
        onSuccess: (shop) => {
          form.reset();
          onCreated(shop.id);
        },
      },
    );
  };

  return (
    <section aria-labelledby="import-new-shop">
      <h2 id="import-new-shop">{t('import.newShop')}</h2>
      <p className="muted small">{t('import.newShopHint')}</p>
      <form onSubmit={submit} className="form">
        <TextField label={t('import.shopName')} name="name" required maxLength={200} />
        <TextField
          label={t('import.region')}
          name="region"
          required
          pattern="[A-Za-z]{2}"
          maxLength={2}
          autoComplete="country"
        />
        <TextField label={t('import.shopCode')} name="platformShopId" maxLength={64} />
        <button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
          {t('import.createShop')}
        </button>
      </form>
      {create.isError && <Refusal error={create.error} />}
      {create.isSuccess && (
        <p role="status">{t('import.shopCreated', { code: create.data.platformShopId })}</p>
      )}
    </section>
  );
}
