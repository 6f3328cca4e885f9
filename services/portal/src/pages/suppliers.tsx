import { type Preference, useSetPreference, useSuppliers } from '../api/catalog.ts';
import type { Supplier } from '../api/types.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { useKeysetPages } from '../components/keyset-pages.tsx';
import { PagedTable } from '../components/paged-table.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';

const CHOICES: Preference[] = ['pin', 'exclude', 'none'];

function PreferenceButtons({ supplier }: { supplier: Supplier }) {
  const { t } = useI18n();
  const set = useSetPreference();
  const current: Preference = supplier.preference ?? 'none';
  return (
    <fieldset className="buttons">
      <legend className="visually-hidden">{t('suppliers.actions', { name: supplier.name })}</legend>
      {CHOICES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={current === p}
          disabled={set.isPending}
          onClick={() => set.mutate({ supplierId: supplier.id, preference: p })}
        >
          {t(`suppliers.action.${p}`)}
        </button>
      ))}
      {set.isError && <ErrorMessage error={set.error} />}
    </fieldset>
  );
}

export function SuppliersPage() {
  const { t, format } = useI18n();
  const pages = useKeysetPages();
  const suppliers = useSuppliers(pages.cursor);
  return (
    <>
      <h1>{t('suppliers.title')}</h1>
      <PagedTable
        query={suppliers}
        pages={pages}
        empty="suppliers.empty"
        caption="suppliers.caption"
        columns={[
          'suppliers.col.name',
          'suppliers.col.countries',
          'suppliers.col.carriers',
          'suppliers.col.preference',
        ]}
        row={(s) => (
          <tr key={s.id}>
            <th scope="row">{s.name}</th>
            <td>{format.list(s.countries)}</td>
            <td>{format.list(s.carriers)}</td>
            <td>
              <p>{t(`suppliers.pref.${s.preference ?? 'none'}`)}</p>
              <PreferenceButtons supplier={s} />
            </td>
          </tr>
        )}
      />
    </>
  );
}
