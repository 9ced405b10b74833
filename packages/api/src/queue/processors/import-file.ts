import { importFile } from '../../services/import/import-file';
import type { Deps } from '../../services/types';
import type { Processor } from '../contract';

/** Parse an uploaded document into a knowledge entry. */
export const importFileProcessor =
  (deps: Deps): Processor<'import-file'> =>
  async (payload, ctx) => {
    await ctx.updateProgress({ percent: 10, stage: 'parsing' });
    const result = await importFile(deps, payload);
    await ctx.updateProgress({ percent: 100, stage: result.status });
    return result;
  };
