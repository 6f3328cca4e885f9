import { RoleNav } from '../layout/role-nav.tsx';
import { Shell } from '../layout/shell.tsx';
import { NotFoundPage } from '../pages/not-found.tsx';
import { SupplierDispatchesPage } from '../pages/supplier/dispatches.tsx';
import { SupplierFilesPage } from '../pages/supplier/files.tsx';
import { matchRolePage, SUPPLIER_PAGES } from '../router/role-routes.ts';

/** The portal of a supplier's session: its dispatches and its files, nothing of any tenant's. */
export function SupplierApp({ path }: { path: string }) {
  const page = matchRolePage(SUPPLIER_PAGES, path);
  return (
    <Shell nav={<RoleNav pages={SUPPLIER_PAGES} current={page} />}>
      {page === 'dispatches' ? (
        <SupplierDispatchesPage />
      ) : page === 'files' ? (
        <SupplierFilesPage />
      ) : (
        <NotFoundPage />
      )}
    </Shell>
  );
}
