import { withOrgContext } from '@consailt/db';
import { recountEntryWords } from '../../services/knowledge/recount-words';
import type { Deps } from '../../services/types';
import type { Processor } from '../contract';

export const entryStatsProcessor =
  (deps: Deps): Processor<'entry-stats'> =>
  async (payload, ctx) => {
    await ctx.updateProgress({ percent: 10, stage: 'counting' });
    const result = await withOrgContext(deps.db, payload.orgId, (tx) =>
      recountEntryWords({ db: tx }, payload),
    );
    await ctx.updateProgress({ percent: 100, stage: 'done' });
    return result;
  };
