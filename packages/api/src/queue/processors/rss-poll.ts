import { type FeedFetchConfig, feedFetchConfig } from '../../services/news/config';
import { pollFeed } from '../../services/news/poll-feed';
import type { Deps } from '../../services/types';
import type { Processor } from '../contract';

/**
 * Poll one feed (scheduled per feed, or run on demand). Feed failures are recorded on the feed and
 * do not fail the job: the feed's own backoff decides when to try again.
 */
export const rssPollProcessor = (deps: Deps, config?: FeedFetchConfig): Processor<'rss-poll'> => {
  let resolved = config;
  return async (payload, ctx) => {
    resolved ??= feedFetchConfig();
    const result = await pollFeed(deps, payload, {
      config: resolved,
      force: payload.force,
      signal: ctx.signal,
      onProgress: ctx.updateProgress,
    });
    if (result.status === 'failed')
      deps.logger.warn({ feedId: payload.feedId, err: result.error }, 'feed poll failed');
    return result;
  };
};
