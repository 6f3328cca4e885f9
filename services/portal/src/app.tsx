import { useSession } from './api/session.ts';
import { QueryState } from './components/query-state.tsx';
import { Shell } from './layout/shell.tsx';
import { SignedOut } from './layout/signed-out.tsx';
import { BillingPage } from './pages/billing.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { HoldsPage } from './pages/holds.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { OrderPage } from './pages/order.tsx';
import { OrdersPage } from './pages/orders.tsx';
import { SettingsPage } from './pages/settings.tsx';
import { SkuMappingsPage } from './pages/sku-mappings.tsx';
import { SuppliersPage } from './pages/suppliers.tsx';
import { useLocation } from './router/router.tsx';
import { matchRoute, type Route } from './router/routes.ts';

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

export function App() {
  const session = useSession();
  const { path } = useLocation();
  const route = matchRoute(path);
  return (
    <QueryState query={session}>
      {(s) =>
        s.signedIn ? (
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
