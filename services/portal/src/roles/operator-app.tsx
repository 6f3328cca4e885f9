import { RoleNav } from '../layout/role-nav.tsx';
import { Shell } from '../layout/shell.tsx';
import { NotFoundPage } from '../pages/not-found.tsx';
import { AlertsPage } from '../pages/ops/alerts.tsx';
import { OpsBillingPage } from '../pages/ops/billing.tsx';
import { ScorecardsPage } from '../pages/ops/scorecards.tsx';
import { SlaBoardPage } from '../pages/ops/sla-board.tsx';
import { TenantsPage } from '../pages/ops/tenants.tsx';
import { matchRolePage, OPERATOR_PAGES, type OperatorPage } from '../router/role-routes.ts';

function Page({ page }: { page: OperatorPage }) {
  switch (page) {
    case 'sla':
      return <SlaBoardPage />;
    case 'tenants':
      return <TenantsPage />;
    case 'suppliers':
      return <ScorecardsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'billing':
      return <OpsBillingPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

/** The portal of an operator's session: views across tenants and the operator's actions. */
export function OperatorApp({ path }: { path: string }) {
  const page = matchRolePage(OPERATOR_PAGES, path);
  return (
    <Shell nav={<RoleNav pages={OPERATOR_PAGES} current={page} />}>
      <Page page={page} />
    </Shell>
  );
}
