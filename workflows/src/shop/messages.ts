/** Keeps one shop's marketplace tokens fresh (R-ONB-2). */
export interface TokenKeeperInput {
  version: 1;
  tenantId: string;
  shopId: string;
  /** Refresh this long before the access token expires. */
  refreshAheadMs: number;
}

/** Polls one shop's recent orders so none is lost when webhooks are (R-IN-2). */
export interface ReconcilerInput {
  version: 1;
  tenantId: string;
  shopId: string;
  intervalMs: number;
  /** Windows overlap: TikTok may report update times slightly outside a window. */
  overlapMs: number;
  /** Unix ms up to which orders were already reconciled. */
  sinceMs: number;
}

export const tokenKeeperWorkflowId = (shopId: string) => `shop-tokens:${shopId}`;
export const reconcilerWorkflowId = (shopId: string) => `shop-reconcile:${shopId}`;
