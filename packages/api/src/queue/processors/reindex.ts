import { queueReindex } from '../../services/indexing/reindex';
import type { Deps } from '../../services/types';
import type { Processor } from '../contract';

/** Fan out `ingest-entry` jobs for an organization (all entries when a model is named). */
export const reindexProcessor =
  (deps: Deps): Processor<'reindex'> =>
  async (payload, ctx) => {
    const result = await queueReindex(deps, { orgId: payload.orgId, force: Boolean(payload.model) });
    await ctx.updateProgress({ percent: 100, stage: `queued ${result.queued}` });
    return result;
  };
