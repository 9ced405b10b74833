import { indexEntry } from '../../services/indexing/index-entry';
import type { Deps } from '../../services/types';
import type { Processor } from '../contract';

/** Chunk + embed + index one entry. The service scopes its own transactions to the organization. */
export const ingestEntryProcessor =
  (deps: Deps): Processor<'ingest-entry'> =>
  async (payload, ctx) => {
    await ctx.updateProgress({ percent: 10, stage: 'chunking' });
    const result = await indexEntry(deps, payload);
    await ctx.updateProgress({ percent: 100, stage: result.status });
    return result;
  };
