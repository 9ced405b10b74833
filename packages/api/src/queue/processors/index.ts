import { scheduleAnalyze } from '@consailt/db';
import type { Deps } from '../../services/types';
import type { Processor, ProcessorMap, QueueName } from '../contract';
import { entryStatsProcessor } from './entry-stats';
import { importFileProcessor } from './import-file';
import { ingestEntryProcessor } from './ingest-entry';
import { newsEnrichProcessor } from './news-enrich';
import { reindexProcessor } from './reindex';
import { rssPollProcessor } from './rss-poll';

/**
 * The central processor registry, used by the BullMQ worker and the in-process runner alike.
 * Queues without a processor yet (filled in by later features) simply stay unconsumed.
 */
export function createProcessors(deps: Deps): ProcessorMap {
  // Jobs are what grows the tables: after each, refresh the planner statistics of the tables that
  // grew (throttled, in the background), so databases without autovacuum (the embedded PGlite, a
  // server with it off) keep good plans as an organization's knowledge grows.
  const refreshStats =
    <Q extends QueueName>(processor: Processor<Q>): Processor<Q> =>
    async (payload, ctx) => {
      const result = await processor(payload, ctx);
      scheduleAnalyze(deps.db, (err) => deps.logger.warn({ err }, 'could not refresh planner statistics'), {
        onAnalyzed: (tables) => deps.logger.debug({ tables }, 'planner statistics refreshed'),
      });
      return result;
    };
  return {
    'entry-stats': entryStatsProcessor(deps),
    'ingest-entry': refreshStats(ingestEntryProcessor(deps)),
    'import-file': refreshStats(importFileProcessor(deps)),
    reindex: reindexProcessor(deps),
    'rss-poll': refreshStats(rssPollProcessor(deps)),
    'news-enrich': refreshStats(newsEnrichProcessor(deps)),
  };
}
