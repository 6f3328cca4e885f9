import { createMiddleware } from 'hono/factory';

/**
 * Webhook requests being answered at once from which the intake counts as busy. By Little's
 * law that is the arrival rate times the answer time: 8 is reached at about 2,000/s answered
 * in 4 ms, or at a few hundred a second once answers slow to tens of milliseconds.
 */
export const INTAKE_BUSY_AT = 8;

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
export function createIntakeGauge(busyAt = INTAKE_BUSY_AT): IntakeGauge {
  let inFlight = 0;
  return {
    track: createMiddleware(async (_c, next) => {
      inFlight++;
      try {
        await next();
      } finally {
        inFlight--;
      }
    }),
    inFlight: () => inFlight,
    busy: () => inFlight >= busyAt,
  };
}
