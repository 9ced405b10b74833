import { z } from 'zod';

/**
 * Token buckets: `capacity` is the burst a caller may spend at once, `refillPerSecond` the
 * sustained rate. Each API key, and each user in each organization, has its own bucket sized by
 * the organization's plan (`organizations.plan`).
 */
export const ZBucketLimit = z.object({
  capacity: z.number().int().min(1).max(1_000_000),
  refillPerSecond: z.number().positive().max(1_000_000),
});
export type BucketLimit = z.infer<typeof ZBucketLimit>;

export const DEFAULT_PLAN_LIMITS: Record<string, BucketLimit> = {
  free: { capacity: 60, refillPerSecond: 1 },
  team: { capacity: 300, refillPerSecond: 5 },
  enterprise: { capacity: 1200, refillPerSecond: 20 },
};

/** Plans not listed (a typo in the database, a plan added later) get the team limits. */
export const FALLBACK_PLAN = 'team';

/**
 * What a call costs in tokens. AI-heavy calls weigh more than reads: an answer is a retrieval, an
 * embedding and a model call. Writes cost a little more than reads (they index, audit, enqueue).
 */
export const PROCEDURE_WEIGHTS: Record<string, number> = {
  'ask.send': 10,
  'ask.regenerate': 10,
  'ai.run': 10,
  'search.query': 2,
  'files.upload': 5,
};
export const QUERY_WEIGHT = 1;
export const MUTATION_WEIGHT = 2;

export function procedureWeight(path: string, type: string): number {
  return PROCEDURE_WEIGHTS[path] ?? (type === 'mutation' ? MUTATION_WEIGHT : QUERY_WEIGHT);
}

/** `RATE_LIMIT_PLANS` (JSON) overrides or adds plans: `{"team":{"capacity":600,"refillPerSecond":10}}`. */
export const ZPlanOverrides = z.record(z.string().min(1).max(40), ZBucketLimit);

export function planLimits(overrides: Record<string, BucketLimit> | undefined): Record<string, BucketLimit> {
  return { ...DEFAULT_PLAN_LIMITS, ...overrides };
}

export function limitForPlan(limits: Record<string, BucketLimit>, plan: string | null): BucketLimit {
  return (plan ? limits[plan] : undefined) ?? limits[FALLBACK_PLAN] ?? { capacity: 300, refillPerSecond: 5 };
}
