import { lazy, Suspense } from 'react';
import { useSession } from './api/session.ts';
import { QueryState } from './components/query-state.tsx';
import { useI18n } from './i18n/i18n-context.tsx';
import { Shell } from './layout/shell.tsx';
import { SignedOut } from './layout/signed-out.tsx';
import { BillingPage } from './pages/billing.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { HoldsPage } from './pages/holds.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { OrderPage } from './pages/order.tsx';
import { OrderImportPage } from './pages/order-import.tsx';
import { OrdersPage } from './pages/orders.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { SignInPage } from './pages/sign-in/sign-in-page.tsx';
import { SkuMappingsPage } from './pages/sku-mappings.tsx';
import { SuppliersPage } from './pages/suppliers.tsx';
import { SIGN_IN_LINK_PATH } from './router/role-routes.ts';
import { useLocation } from './router/router.tsx';
import { matchRoute, type Route } from './router/routes.ts';

// The supplier and operator portals load on demand: a seller's first load stays the seller's.
const SupplierApp = lazy(() =>
  import('./roles/supplier-app.tsx').then((m) => ({ default: m.SupplierApp })),
);
const OperatorApp = lazy(() =>
  import('./roles/operator-app.tsx').then((m) => ({ default: m.OperatorApp })),
);

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'orders':
      return <OrdersPage />;
    case 'order':
      return <OrderPage id={route.id} />;
    case 'holds':
      return <HoldsPage />;
    case 'skuMappings':
      return <SkuMappingsPage />;
    case 'orderImport':
      return <OrderImportPage />;
    case 'suppliers':
      return <SuppliersPage />;
    case 'billing':
      return <BillingPage />;
    case 'settings':
      return <SettingsPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" aria-busy="true">
      {t('app.loading')}
    </p>
  );
}

export function App() {
  const session = useSession();
  const { path } = useLocation();
  const route = matchRoute(path);
  // Issue 12: one-time links and partner sign-in land on their own page; a supplier's or an
  // operator's session gets that role's portal, never the seller's.
  if (path === SIGN_IN_LINK_PATH) return <SignInPage />;
  return (
    <QueryState query={session}>
      {(s) =>
        s.actor === 'supplier' || s.actor === 'operator' ? (
          <Suspense fallback={<Loading />}>
            {s.actor === 'supplier' ? <SupplierApp path={path} /> : <OperatorApp path={path} />}
          </Suspense>
        ) : s.signedIn ? (
          <Shell route={route}>
            <Page route={route} />
          </Shell>
        ) : (
          <SignedOut />
        )
      }
    </QueryState>
  );
}
