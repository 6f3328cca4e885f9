import { createMiddleware } from 'hono/factory';

/**
 * Webhook requests being answered at once from which the intake counts as busy. By Little's
 * law that is the arrival rate times the answer time: 8 is reached at about 2,000/s answered
 * in 4 ms, or at a few hundred a second once answers slow to tens of milliseconds.
 */
export const INTAKE_BUSY_AT = 8;

/**
 * How long the intake stays busy after it last reached INTAKE_BUSY_AT. A group commit answers
 * dozens of requests at once, and the count dips below the threshold until the marketplace has
 * sent the next ones: without the hold, a burst looked quiet for a moment after every commit
 * and work that should wait went ahead.
 */
export const INTAKE_BUSY_HOLD_MS = 100;

/** How busy the webhook intake is, for work that can wait and should yield to it. */
export interface IntakeGauge {
  /** Middleware that counts a request from its arrival at the route until it is answered. */
  track: ReturnType<typeof createMiddleware>;
  /** Requests being answered now. */
  inFlight(): number;
  /** Whether the intake would answer faster if other work in this process waited. */
  busy(): boolean;
}

/**
 * The 200 to the marketplace waits on the intake alone (R-IN-1), and everything else this
 * process does for stored notifications (starting their workflows) can wait a little: the
 * inbox dispatcher asks `busy()` and gives the CPU to the requests while it is true.
 */
export function createIntakeGauge(
  busyAt = INTAKE_BUSY_AT,
  holdMs = INTAKE_BUSY_HOLD_MS,
  now: () => number = () => performance.now(),
): IntakeGauge {
  let inFlight = 0;
  let busyUntil = Number.NEGATIVE_INFINITY;
  return {
    track: createMiddleware(async (_c, next) => {
      if (++inFlight >= busyAt) busyUntil = now() + holdMs;
      try {
        await next();
      } finally {
        inFlight--;
      }
    }),
    inFlight: () => inFlight,
    busy: () => inFlight >= busyAt || now() < busyUntil,
  };
}
