import { z } from 'zod';

export const failModes = ['none', 'unavailable', 'timeout', 'lost_response'] as const;

/** How the simulated Stripe misbehaves, changed at run time through `PATCH /__control/behaviour`. */
export const stripeBehaviourSchema = z.object({
  /**
   * `unavailable`: 503 before the request runs. `timeout`: holds the call for `hangMs`, then
   * 503, without running it. `lost_response`: runs the request (and saves its idempotent
   * result), then holds the answer for `hangMs` and answers 500: the caller cannot know it ran.
   */
  failMode: z.enum(failModes),
  /** How many more API requests the fail mode applies to; null: every one until changed. */
  failCount: z.int().min(0).nullable(),
  /** Only requests whose `METHOD /path` matches this regular expression fail; null: all. */
  failMatch: z.string().max(200).nullable(),
  hangMs: z.int().min(0).max(600_000),
  /** Delay before each retry of a webhook delivery that was not answered with a 2xx. */
  webhookRetryDelaysMs: z.array(z.int().min(0).max(86_400_000)).max(20),
});

export type StripeBehaviour = z.infer<typeof stripeBehaviourSchema>;
export const behaviourPatchSchema = stripeBehaviourSchema.partial().strict();

export const defaultStripeBehaviour: StripeBehaviour = {
  failMode: 'none',
  failCount: null,
  failMatch: null,
  hangMs: 30_000,
  webhookRetryDelaysMs: [1000, 5000, 30_000, 120_000],
};

/** Whether this request fails, counting it against `failCount`. */
export function takeFailure(b: StripeBehaviour, request: string): boolean {
  if (b.failMode === 'none' || b.failCount === 0) return false;
  if (b.failMatch !== null && !new RegExp(b.failMatch).test(request)) return false;
  if (b.failCount !== null) b.failCount--;
  return true;
}
