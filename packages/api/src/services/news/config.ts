import { type ApiEnv, getApiEnv } from '../../env';

/** Limits and network policy for fetching feeds; built from the environment once per process. */
export type FeedFetchConfig = {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  maxConsecutiveFailures: number;
  /** CIDRs allowed although private, e.g. `127.0.0.1/32` for a test server. */
  allowPrivateCidrs: string[];
  /** Host names allowed to resolve to private addresses. */
  allowHosts: string[];
  userAgent: string;
};

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function feedFetchConfig(env: ApiEnv = getApiEnv()): FeedFetchConfig {
  return {
    timeoutMs: env.FEED_FETCH_TIMEOUT_MS,
    maxBytes: env.FEED_FETCH_MAX_BYTES,
    maxRedirects: env.FEED_FETCH_MAX_REDIRECTS,
    maxConsecutiveFailures: env.FEED_MAX_CONSECUTIVE_FAILURES,
    allowPrivateCidrs: list(env.FEED_FETCH_ALLOW_PRIVATE_CIDRS),
    allowHosts: list(env.FEED_FETCH_ALLOW_HOSTS).map((h) => h.toLowerCase()),
    userAgent: `ConsailtFeedFetcher/${env.APP_VERSION} (+https://consailt.com/docs/feeds)`,
  };
}
