import type { Deps } from '../../services/types';
import type { ProcessorMap } from '../contract';
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
  return {
    'entry-stats': entryStatsProcessor(deps),
    'ingest-entry': ingestEntryProcessor(deps),
    'import-file': importFileProcessor(deps),
    reindex: reindexProcessor(deps),
    'rss-poll': rssPollProcessor(deps),
    'news-enrich': newsEnrichProcessor(deps),
  };
}
