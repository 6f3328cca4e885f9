import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/router.tsx';
import { PATHS, type Route } from '../router/routes.ts';

const ITEMS: Array<{ page: keyof typeof PATHS; label: MessageKey }> = [
  { page: 'dashboard', label: 'nav.dashboard' },
  { page: 'orders', label: 'nav.orders' },
  { page: 'holds', label: 'nav.holds' },
  { page: 'skuMappings', label: 'nav.skuMappings' },
  { page: 'orderImport', label: 'nav.import' },
  { page: 'suppliers', label: 'nav.suppliers' },
  { page: 'billing', label: 'nav.billing' },
  // Seller pages added with the billing and settings slice.
  { page: 'settings', label: 'nav.settings' },
];

export function Nav({ route }: { route: Route }) {
  const { t } = useI18n();
  const current = route.page === 'order' ? 'orders' : route.page;
  return (
    <nav aria-label={t('nav.label')} className="nav">
      <ul>
        {ITEMS.map((item) => (
          <li key={item.page}>
            <Link href={PATHS[item.page]} aria-current={current === item.page ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
