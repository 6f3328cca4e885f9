import { type Preference, useSetPreference, useSuppliers } from '../api/catalog.ts';
import type { Supplier } from '../api/types.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { Pager, useKeysetPages } from '../components/keyset-pages.tsx';
import { QueryState } from '../components/query-state.tsx';
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
      <QueryState query={suppliers}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('suppliers.empty')}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption>{t('suppliers.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('suppliers.col.name')}</th>
                      <th scope="col">{t('suppliers.col.countries')}</th>
                      <th scope="col">{t('suppliers.col.carriers')}</th>
                      <th scope="col">{t('suppliers.col.preference')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{s.name}</th>
                        <td>{format.list(s.countries)}</td>
                        <td>{format.list(s.carriers)}</td>
                        <td>
                          <p>{t(`suppliers.pref.${s.preference ?? 'none'}`)}</p>
                          <PreferenceButtons supplier={s} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} nextCursor={page.nextCursor} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
