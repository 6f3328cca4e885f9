import { useShops } from '../../api/settings.ts';
import { useKeysetPages } from '../../components/keyset-pages.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/**
 * The existing OAuth flow (R-ONB-1): started while signed in, it binds the shops the seller
 * confirms to this tenant again, renewing their authorization. A full page load, not the
 * portal's router: the api redirects to the marketplace.
 */
export const REAUTHORIZE_URL = '/oauth/tiktok/start';

/** The tenant's shops, their authorization status, and the way to authorize one again. */
export function ShopsSection() {
  const { t } = useI18n();
  const pages = useKeysetPages();
  const shops = useShops(pages.cursor);
  return (
    <section aria-labelledby="settings-shops">
      <h2 id="settings-shops">{t('settings.shops')}</h2>
      <PagedTable
        query={shops}
        pages={pages}
        empty="settings.shops.empty"
        caption="settings.shops.caption"
        columns={['settings.shops.name', 'settings.shops.mode', 'settings.shops.status']}
        row={(s) => (
          <tr key={s.id}>
            <th scope="row">
              {s.name} ({s.region})
            </th>
            <td>{t(`shop.mode.${s.mode}`)}</td>
            <td>
              <p className={s.status === 'active' ? undefined : 'error'}>
                {t(`shop.status.${s.status}`)}
              </p>
              {s.mode === 'api' && (
                <a href={REAUTHORIZE_URL}>{t('settings.shops.reauthorize', { name: s.name })}</a>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
