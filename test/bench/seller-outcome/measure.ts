import type { OrderOutcome, SimulationResult } from './simulate.ts';

const H = 3_600_000;

export interface OutcomeFigures {
  orders: number;
  /** Pushed back to the marketplace at or before its ship-by deadline (R-SLA-1). */
  onTime: number;
  /** A carrier's first scan within 72 hours (simulated) of the order. */
  scannedIn72h: number;
  failed: number;
  open: number;
  /** Dispatches per order beyond the first: re-routes. */
  reroutes: number;
}

/** The marketplace's 48 hours to ship, in the simulation's clock: the order's age at ship-by. */
function firstScanDue(o: OrderOutcome, timeScale: number): number | null {
  if (!o.shipBy) return null;
  const paidAt = o.shipBy.getTime() - (48 * H) / timeScale;
  return paidAt + (72 * H) / timeScale;
}

/** The seller's figures from every order's fate. */
export function measureOutcomes(r: SimulationResult, timeScale: number): OutcomeFigures {
  let onTime = 0;
  let scanned = 0;
  let failed = 0;
  let open = 0;
  let reroutes = 0;
  for (const o of r.orders) {
    if (o.pushedAt && o.shipBy && o.pushedAt.getTime() <= o.shipBy.getTime()) onTime += 1;
    const due = firstScanDue(o, timeScale);
    if (o.firstScanAt && due !== null && o.firstScanAt.getTime() <= due) scanned += 1;
    if (o.status === 'failed') failed += 1;
    else if (o.status !== 'completed') open += 1;
    reroutes += Math.max(0, o.dispatches - 1);
  }
  return { orders: r.orders.length, onTime, scannedIn72h: scanned, failed, open, reroutes };
}

export const percent = (n: number, of: number) =>
  of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`;
