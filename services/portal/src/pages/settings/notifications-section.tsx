import { useNotifications } from '../../api/settings.ts';
import { DateTime } from '../../components/date-time.tsx';
import { useKeysetPages } from '../../components/keyset-pages.tsx';
import { PagedTable } from '../../components/paged-table.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** What the platform told the tenant: shops to re-authorize, strikes, late suppliers. */
export function NotificationsSection() {
  const { t } = useI18n();
  const pages = useKeysetPages();
  const notifications = useNotifications(pages.cursor);
  return (
    <section aria-labelledby="settings-notifications">
      <h2 id="settings-notifications">{t('settings.notifications')}</h2>
      <PagedTable
        query={notifications}
        pages={pages}
        empty="settings.notifications.empty"
        caption="settings.notifications.caption"
        columns={[
          'settings.notifications.kind',
          'settings.notifications.message',
          'settings.notifications.date',
        ]}
        row={(n) => (
          <tr key={n.id}>
            <th scope="row">{t(`notification.${n.kind}`)}</th>
            <td>{n.message}</td>
            <td>
              <DateTime iso={n.createdAt} />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
