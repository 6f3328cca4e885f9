import type { MessageKey } from '../i18n/en.ts';

/**
 * The pages of the supplier and operator portals (issue 12). A session is of one kind, so each
 * role has its own set of paths and navigation; a path of another role is not found.
 */
export const SUPPLIER_PAGES = {
  dispatches: { path: '/supplier', label: 'nav.supplier.dispatches' },
  files: { path: '/supplier/files', label: 'nav.supplier.files' },
} as const satisfies Record<string, { path: string; label: MessageKey }>;

export const OPERATOR_PAGES = {
  sla: { path: '/ops', label: 'nav.ops.sla' },
  tenants: { path: '/ops/tenants', label: 'nav.ops.tenants' },
  suppliers: { path: '/ops/suppliers', label: 'nav.ops.suppliers' },
  alerts: { path: '/ops/alerts', label: 'nav.ops.alerts' },
  billing: { path: '/ops/billing', label: 'nav.ops.billing' },
} as const satisfies Record<string, { path: string; label: MessageKey }>;

export type SupplierPage = keyof typeof SUPPLIER_PAGES | 'notFound';
export type OperatorPage = keyof typeof OPERATOR_PAGES | 'notFound';

/** The page of `pages` at `path`; `/` is the role's first page. */
export function matchRolePage<K extends string>(
  pages: Record<K, { path: string }>,
  path: string,
): K | 'notFound' {
  const entries = Object.entries(pages) as Array<[K, { path: string }]>;
  if (path === '/') return entries[0]![0];
  return entries.find(([, p]) => p.path === path)?.[0] ?? 'notFound';
}

/** Where a one-time sign-in link lands; its token is in the fragment, never sent to a server. */
export const SIGN_IN_LINK_PATH = '/sign-in';
