export type {
  CatalogItem,
  RejectionReason,
  RoutingLine,
  RoutingNeed,
  RoutingSupplier,
  SupplierRecord,
} from './candidate.ts';
export { type LineGroup, type Rejection, type RouteDecision, routeOrder } from './decide.ts';
export { ackedInTime, shippedOnTime } from './outcomes.ts';
export {
  DEFAULT_ROUTING_WEIGHTS,
  type RankedCandidate,
  type RoutingWeights,
  rankCandidates,
  scoreRecord,
} from './score.ts';
export { expectedShipMs } from './ship-time.ts';
export {
  checkStockFeed,
  type StockFeedCheck,
  type StockFeedRow,
  type StockFeedRowError,
  type StockFeedUpdate,
} from './stock-feed.ts';
