/** The portal's pages by path; the order page takes the order's id. */
export type Route =
  | { page: 'dashboard' }
  | { page: 'orders' }
  | { page: 'order'; id: string }
  | { page: 'holds' }
  | { page: 'skuMappings' }
  | { page: 'orderImport' }
  | { page: 'suppliers' }
  | { page: 'billing' }
  // Seller pages added with the billing and settings slice.
  | { page: 'settings' }
  | { page: 'notFound' };

export const PATHS = {
  dashboard: '/',
  orders: '/orders',
  holds: '/holds',
  skuMappings: '/sku-mappings',
  orderImport: '/imports',
  suppliers: '/suppliers',
  billing: '/billing',
  // Seller pages added with the billing and settings slice.
  settings: '/settings',
} as const;

export const orderPath = (id: string) => `/orders/${encodeURIComponent(id)}`;

export function matchRoute(path: string): Route {
  const order = /^\/orders\/([^/]+)$/.exec(path);
  if (order) return { page: 'order', id: decodeURIComponent(order[1]!) };
  for (const [page, p] of Object.entries(PATHS))
    if (p === path) return { page: page as keyof typeof PATHS };
  return { page: 'notFound' };
}
