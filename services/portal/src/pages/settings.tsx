import { useI18n } from '../i18n/i18n-context.tsx';
import { ApiTokensSection } from './settings/api-tokens-section.tsx';
import { NotificationsSection } from './settings/notifications-section.tsx';
import { ShopsSection } from './settings/shops-section.tsx';

/** The tenant's shops (re-authorize), API tokens (shown once) and notifications. */
export function SettingsPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <ShopsSection />
      <ApiTokensSection />
      <NotificationsSection />
    </>
  );
}
